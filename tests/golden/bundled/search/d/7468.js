ArchiveSearch.receive("d/7468",{"think":[1,1,[0,0,0,1,16],null],"those":[1,1,[0,0,0,1,16],null],"threat":[1,1,[0,0,0,4,16],null]});
