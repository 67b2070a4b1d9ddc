ArchiveSearch.receive("w/6f75",{"outposts":[1,"outpost"]});
