ArchiveSearch.receive("w/6869",{"historical":[1,"histor"]});
