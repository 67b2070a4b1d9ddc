ArchiveSearch.receive("d/7269",{"risk":[1,1,[0,0,0,4,16],null]});
