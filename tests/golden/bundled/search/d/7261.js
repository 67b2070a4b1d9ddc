ArchiveSearch.receive("d/7261",{"rais":[1,1,[0,0,0,1,16],null]});
