ArchiveSearch.receive("w/7570",{"up":[1]});
