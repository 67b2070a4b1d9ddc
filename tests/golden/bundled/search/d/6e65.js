ArchiveSearch.receive("d/6e65",{"need":[1,1,[0,0,0,1],null],"negoti":[1,1,[0,0,0,3],null],"new":[1,1,[0,0,0,2],null]});
