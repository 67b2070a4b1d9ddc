ArchiveSearch.receive("w/7363",{"scale":[1],"scrutiny":[1,"scrutini"]});
