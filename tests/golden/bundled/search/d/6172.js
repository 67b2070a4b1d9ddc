ArchiveSearch.receive("d/6172",{"aris":[1,1,[0,0,0,1,16],null]});
