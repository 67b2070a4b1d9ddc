ArchiveSearch.receive("w/6261",{"backed":[1,"back"]});
