ArchiveSearch.receive("d/7369",{"sign":[1,1,[0,0,0,1,16],null]});
