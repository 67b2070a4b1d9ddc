ArchiveSearch.receive("d/7769",{"withdraw":[2,1,[0,1,0,3],null],"without":[1,1,[0,0,0,1],null]});
