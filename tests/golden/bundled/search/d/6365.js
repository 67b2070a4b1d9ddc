ArchiveSearch.receive("d/6365",{"central":[1,1,[0,0,0,1,16],null]});
