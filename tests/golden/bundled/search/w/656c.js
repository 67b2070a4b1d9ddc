ArchiveSearch.receive("w/656c",{"electronic":[1,"electron"],"elements":[1,"element"]});
