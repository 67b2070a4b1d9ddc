ArchiveSearch.receive("d/7769",{"withdraw":[2,1,[0,1,0,3,16400],null],"without":[1,1,[0,0,0,1,16],null]});
