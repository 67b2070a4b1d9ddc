ArchiveSearch.receive("d/6163",{"accord":[1,1,[0,0,0,1],null],"accus":[1,1,[0,0,0,1],null],"achiev":[1,1,[0,0,0,1],null],"action":[1,1,[0,0,0,1],null],"activ":[1,1,[0,0,0,1],null]});
