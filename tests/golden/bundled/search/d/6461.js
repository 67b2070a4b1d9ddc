ArchiveSearch.receive("d/6461",{"daili":[1,1,[0,0,0,1,16],null],"day":[1,1,[0,0,0,1,16],null]});
