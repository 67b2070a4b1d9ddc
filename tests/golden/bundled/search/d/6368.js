ArchiveSearch.receive("d/6368",{"challeng":[1,1,[0,0,0,2,16],null]});
