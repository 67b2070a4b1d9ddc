ArchiveSearch.receive("d/6174",{"attack":[1,1,[0,0,0,2,16],null]});
