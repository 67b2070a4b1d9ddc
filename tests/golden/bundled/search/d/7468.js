ArchiveSearch.receive("d/7468",{"think":[1,1,[0,0,0,1],null],"those":[1,1,[0,0,0,1],null],"threat":[1,1,[0,0,0,4],null]});
