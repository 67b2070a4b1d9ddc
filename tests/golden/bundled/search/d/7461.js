ArchiveSearch.receive("d/7461",{"taliban":[2,1,[0,1,0,17,16400],null],"talk":[1,1,[0,0,0,1,16],null],"target":[1,1,[0,0,0,2,16],null]});
