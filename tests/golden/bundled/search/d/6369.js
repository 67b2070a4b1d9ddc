ArchiveSearch.receive("d/6369",{"citi":[1,1,[0,0,0,1,16],null]});
