ArchiveSearch.receive("w/6665",{"february":[1,"februari"]});
