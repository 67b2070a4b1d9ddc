ArchiveSearch.receive("d/7461",{"taliban":[2,1,[0,1,9,0,0,17,519],null],"talk":[1,1,[0,0,0,0,0,1,519],null],"target":[1,1,[0,0,0,0,0,2,519],null]});
