ArchiveSearch.receive("d/756e",{"undermin":[1,1,[0,0,0,1],null],"unit":[1,1,[0,0,0,2],null],"unverifi":[1,1,[0,0,0,1],null]});
