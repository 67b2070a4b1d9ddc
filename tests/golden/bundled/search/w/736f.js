ArchiveSearch.receive("w/736f",{"soldiers":[1,"soldier"]});
