ArchiveSearch.receive("d/6372",{"credibl":[1,1,[0,0,0,3,16],null]});
