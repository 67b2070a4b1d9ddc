ArchiveSearch.receive("d/6c61",{"last":[1,1,[0,0,0,1,16],null],"latest":[1,1,[0,0,0,1,16],null]});
