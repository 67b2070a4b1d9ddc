ArchiveSearch.receive("d/756e",{"undermin":[1,1,[0,0,0,1,16],null],"unit":[1,1,[0,0,0,2,16],null],"unverifi":[1,1,[0,0,0,1,16],null]});
