ArchiveSearch.receive("d/686f",{"hoax":[1,1,[0,0,0,1,16],null],"hope":[1,1,[0,0,0,1,16],null]});
