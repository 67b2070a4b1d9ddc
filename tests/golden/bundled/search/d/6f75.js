ArchiveSearch.receive("d/6f75",{"outpost":[1,1,[0,0,0,1,16],null]});
