ArchiveSearch.receive("w/7069",{"pieces":[1,"piec"]});
