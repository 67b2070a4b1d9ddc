ArchiveSearch.receive("w/746f",{"told":[1],"took":[1]});
