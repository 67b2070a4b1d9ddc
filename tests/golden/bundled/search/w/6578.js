ArchiveSearch.receive("w/6578",{"expedite":[1,"expedit"]});
