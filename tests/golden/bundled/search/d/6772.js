ArchiveSearch.receive("d/6772",{"ground":[1,1,[0,0,0,1,16],null],"group":[1,1,[0,0,0,2,16],null],"gru":[1,1,[0,0,0,1,16],null]});
