ArchiveSearch.receive("d/6265",{"begin":[1,1,[0,0,0,1,16],null]});
