ArchiveSearch.receive("w/6265",{"begin":[1]});
