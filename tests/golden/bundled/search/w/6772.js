ArchiveSearch.receive("w/6772",{"ground":[1],"group":[1],"groups":[1,"group"],"gru":[1]});
