ArchiveSearch.receive("d/6672",{"freedom":[1,1,[0,0,0,1,16],null]});
