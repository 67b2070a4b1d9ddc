ArchiveSearch.receive("d/6d6f",{"month":[1,1,[0,0,0,1,16],null],"moscow":[1,1,[0,0,0,2,16],null]});
