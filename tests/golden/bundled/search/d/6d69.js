ArchiveSearch.receive("d/6d69",{"mid":[1,1,[0,0,0,1,16],null],"mike":[1,1,[0,0,0,1,16],null],"milit":[1,1,[0,0,0,2,16],null],"militari":[1,1,[0,0,0,8,16],null]});
