ArchiveSearch.receive("w/6c61",{"last":[1],"latest":[1]});
