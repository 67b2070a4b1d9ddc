ArchiveSearch.receive("d/6d65",{"member":[1,1,[0,0,0,2,16],null]});
