ArchiveSearch.receive("d/6469",{"direct":[1,1,[0,0,0,1,16],null]});
