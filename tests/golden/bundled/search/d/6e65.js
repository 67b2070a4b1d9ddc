ArchiveSearch.receive("d/6e65",{"need":[1,1,[0,0,0,1,16],null],"negoti":[1,1,[0,0,0,3,16],null],"new":[1,1,[0,0,0,2,16],null]});
