ArchiveSearch.receive("w/646f",{"donald":[1],"done":[1]});
