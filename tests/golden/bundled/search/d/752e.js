ArchiveSearch.receive("d/752e",{"u.":[1,1,[0,0,0,17,16],null]});
