ArchiveSearch.receive("d/6c69",{"limit":[1,1,[0,0,0,1,16],null],"link":[1,1,[0,0,0,3,16],null],"live":[1,1,[0,0,0,1,16],null]});
