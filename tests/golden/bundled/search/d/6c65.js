ArchiveSearch.receive("d/6c65",{"level":[1,1,[0,0,0,4,16],null]});
