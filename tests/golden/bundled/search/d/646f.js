ArchiveSearch.receive("d/646f",{"donald":[1,1,[0,0,0,1,16],null],"done":[1,1,[0,0,0,1,16],null]});
