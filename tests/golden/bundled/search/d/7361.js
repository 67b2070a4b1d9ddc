ArchiveSearch.receive("d/7361",{"say":[1,1,[0,0,0,2,16],null]});
