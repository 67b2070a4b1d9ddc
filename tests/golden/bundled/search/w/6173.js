ArchiveSearch.receive("w/6173",{"assessment":[1,"assess"]});
