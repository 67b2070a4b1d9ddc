ArchiveSearch.receive("w/7061",{"part":[1],"past":[1],"pay":[1]});
