ArchiveSearch.receive("w/6172",{"arise":[1,"aris"]});
