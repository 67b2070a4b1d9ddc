ArchiveSearch.receive("d/736f",{"soldier":[1,1,[0,0,0,2,16],null]});
