ArchiveSearch.receive("d/7161",{"qaeda":[1,1,[0,0,0,3,16],null]});
