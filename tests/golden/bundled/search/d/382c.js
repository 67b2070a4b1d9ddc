ArchiveSearch.receive("d/382c",{"8,600":[1,1,[0,0,0,1,16],null]});
