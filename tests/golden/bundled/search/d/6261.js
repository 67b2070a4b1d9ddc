ArchiveSearch.receive("d/6261",{"back":[1,1,[0,0,0,1,16],null]});
