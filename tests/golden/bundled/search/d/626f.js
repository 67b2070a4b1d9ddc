ArchiveSearch.receive("d/626f",{"bounti":[1,1,[0,0,0,7,16],null]});
