ArchiveSearch.receive("w/6661",{"fact":[1],"failures":[1,"failur"]});
