ArchiveSearch.receive("d/6869",{"histor":[1,1,[0,0,0,1,16],null]});
