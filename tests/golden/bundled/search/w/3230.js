ArchiveSearch.receive("w/3230",{"2019":[1],"2020":[1]});
