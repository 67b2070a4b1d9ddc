ArchiveSearch.receive("w/382c",{"8,600":[1]});
