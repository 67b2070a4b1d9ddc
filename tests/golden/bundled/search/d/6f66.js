ArchiveSearch.receive("d/6f66",{"offer":[1,1,[0,0,0,2,16],null],"offici":[1,1,[0,0,0,4,16],null]});
