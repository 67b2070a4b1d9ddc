ArchiveSearch.receive("d/6861",{"handl":[1,1,[0,0,0,4,16],null]});
