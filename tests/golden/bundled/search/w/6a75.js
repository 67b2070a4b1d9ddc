ArchiveSearch.receive("w/6a75",{"july":[1,"juli"]});
