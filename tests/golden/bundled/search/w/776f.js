ArchiveSearch.receive("w/776f",{"working":[1,"work"],"works":[1,"work"]});
