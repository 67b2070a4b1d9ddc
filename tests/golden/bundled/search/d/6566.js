ArchiveSearch.receive("d/6566",{"effort":[1,1,[0,0,0,2,16],null]});
