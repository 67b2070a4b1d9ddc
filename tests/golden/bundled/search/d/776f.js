ArchiveSearch.receive("d/776f",{"work":[2,1,[0,1,9,0,0,3,519],null]});
