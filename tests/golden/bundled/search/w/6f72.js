ArchiveSearch.receive("w/6f72",{"order":[1]});
