ArchiveSearch.receive("d/6661",{"fact":[1,1,[0,0,0,1,16],null],"failur":[1,1,[0,0,0,1,16],null]});
