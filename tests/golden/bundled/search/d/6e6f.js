ArchiveSearch.receive("d/6e6f",{"norm":[1,1,[0,0,0,1],null],"note":[1,1,[0,0,0,2],null],"noth":[1,1,[0,0,0,1],null]});
