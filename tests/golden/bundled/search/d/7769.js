ArchiveSearch.receive("d/7769",{"withdraw":[2,1,[0,1,9,0,0,3,519],null],"without":[1,1,[0,0,0,0,0,1,519],null]});
