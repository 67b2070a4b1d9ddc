ArchiveSearch.receive("d/6e75",{"number":[1,1,[0,0,0,1,16],null]});
