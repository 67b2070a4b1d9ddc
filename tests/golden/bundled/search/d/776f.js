ArchiveSearch.receive("d/776f",{"work":[2,1,[0,1,0,3,16400],null]});
