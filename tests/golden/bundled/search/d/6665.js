ArchiveSearch.receive("d/6665",{"februari":[1,1,[0,0,0,3,16],null]});
