ArchiveSearch.receive("w/6861",{"handle":[1,"handl"],"handled":[1,"handl"],"handling":[1,"handl"]});
