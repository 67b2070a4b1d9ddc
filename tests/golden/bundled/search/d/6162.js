ArchiveSearch.receive("d/6162",{"abil":[1,1,[0,0,0,1,16],null],"abov":[1,1,[0,0,0,1,16],null]});
