ArchiveSearch.receive("w/666f",{"forces":[1,"forc"]});
