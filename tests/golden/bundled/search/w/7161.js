ArchiveSearch.receive("w/7161",{"qaeda":[1]});
