ArchiveSearch.receive("w/6672",{"freedom":[1]});
