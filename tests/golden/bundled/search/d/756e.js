ArchiveSearch.receive("d/756e",{"undermin":[1,1,[0,0,0,0,0,1,519],null],"unit":[1,1,[0,0,0,0,0,2,519],null],"unverifi":[1,1,[0,0,0,0,0,1,519],null]});
