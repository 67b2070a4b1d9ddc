ArchiveSearch.receive("d/706c",{"plan":[1,1,[0,0,0,1,16],null],"pledg":[1,1,[0,0,0,1,16],null]});
