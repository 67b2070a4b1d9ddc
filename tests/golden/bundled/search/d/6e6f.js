ArchiveSearch.receive("d/6e6f",{"norm":[1,1,[0,0,0,1,16],null],"note":[1,1,[0,0,0,2,16],null],"noth":[1,1,[0,0,0,1,16],null]});
