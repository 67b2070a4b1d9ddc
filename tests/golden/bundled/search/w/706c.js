ArchiveSearch.receive("w/706c",{"plans":[1,"plan"],"pledged":[1,"pledg"]});
