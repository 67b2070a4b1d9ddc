ArchiveSearch.receive("w/6177",{"aware":[1,"awar"]});
