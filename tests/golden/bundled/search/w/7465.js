ArchiveSearch.receive("w/7465",{"term":[1]});
