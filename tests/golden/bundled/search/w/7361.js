ArchiveSearch.receive("w/7361",{"saying":[1,"say"]});
