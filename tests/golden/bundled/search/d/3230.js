ArchiveSearch.receive("d/3230",{"2019":[1,1,[0,0,0,1],null],"2020":[1,1,[0,0,0,1],null]});
