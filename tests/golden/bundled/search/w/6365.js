ArchiveSearch.receive("w/6365",{"central":[1]});
