ArchiveSearch.receive("w/6167",{"agreement":[1]});
