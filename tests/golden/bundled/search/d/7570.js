ArchiveSearch.receive("d/7570",{"up":[1,1,[0,0,0,1,16],null]});
