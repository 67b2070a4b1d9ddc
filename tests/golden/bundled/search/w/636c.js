ArchiveSearch.receive("w/636c",{"claimed":[1,"claim"],"close":[1]});
