ArchiveSearch.receive("w/6361",{"called":[1,"call"]});
