ArchiveSearch.receive("d/636c",{"claim":[1,1,[0,0,0,1,16],null],"close":[1,1,[0,0,0,1,16],null]});
