ArchiveSearch.receive("w/7269",{"risk":[1]});
