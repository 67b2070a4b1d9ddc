ArchiveSearch.receive("w/6566",{"effort":[1],"efforts":[1,"effort"]});
