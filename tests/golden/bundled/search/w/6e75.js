ArchiveSearch.receive("w/6e75",{"number":[1]});
