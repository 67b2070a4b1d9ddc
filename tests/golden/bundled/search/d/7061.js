ArchiveSearch.receive("d/7061",{"part":[1,1,[0,0,0,2,16],null],"past":[1,1,[0,0,0,1,16],null],"pay":[1,1,[0,0,0,1,16],null]});
