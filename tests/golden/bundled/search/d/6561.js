ArchiveSearch.receive("d/6561",{"eavesdrop":[1,1,[0,0,0,1,16],null]});
