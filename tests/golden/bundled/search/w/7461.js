ArchiveSearch.receive("w/7461",{"taliban":[1],"talked":[1,"talk"],"targeting":[1,"target"],"targets":[1,"target"]});
