ArchiveSearch.receive("w/6174",{"attacking":[1,"attack"]});
