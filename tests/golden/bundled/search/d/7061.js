ArchiveSearch.receive("d/7061",{"part":[1,1,[0,0,0,2],null],"past":[1,1,[0,0,0,1],null],"pay":[1,1,[0,0,0,1],null]});
