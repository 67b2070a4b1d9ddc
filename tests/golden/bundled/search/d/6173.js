ArchiveSearch.receive("d/6173",{"assess":[1,1,[0,0,0,2,16],null]});
