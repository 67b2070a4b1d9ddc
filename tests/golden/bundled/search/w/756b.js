ArchiveSearch.receive("w/756b",{"uk":[1]});
