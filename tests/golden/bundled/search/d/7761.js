ArchiveSearch.receive("d/7761",{"warn":[1,1,[0,0,0,2,16],null],"way":[1,1,[0,0,0,4,16],null]});
