ArchiveSearch.receive("d/6163",{"accord":[1,1,[0,0,0,1,16],null],"accus":[1,1,[0,0,0,1,16],null],"achiev":[1,1,[0,0,0,1,16],null],"action":[1,1,[0,0,0,1,16],null],"activ":[1,1,[0,0,0,1,16],null]});
