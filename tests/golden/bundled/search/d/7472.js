ArchiveSearch.receive("d/7472",{"train":[1,1,[0,0,0,2,16],null],"troop":[1,1,[0,0,0,4,16],null],"trump":[1,1,[0,0,0,8,16],null]});
