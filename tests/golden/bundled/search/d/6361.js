ArchiveSearch.receive("d/6361",{"call":[1,1,[0,0,0,1,16],null]});
