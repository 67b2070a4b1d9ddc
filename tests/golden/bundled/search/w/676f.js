ArchiveSearch.receive("w/676f",{"government":[1,"govern"]});
