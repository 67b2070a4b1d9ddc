ArchiveSearch.receive("d/746f",{"told":[1,1,[0,0,0,2,16],null],"took":[1,1,[0,0,0,1,16],null]});
