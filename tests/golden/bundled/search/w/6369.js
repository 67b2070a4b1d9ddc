ArchiveSearch.receive("w/6369",{"cities":[1,"citi"]});
