ArchiveSearch.receive("d/7472",{"train":[1,1,[0,0,0,2],null],"troop":[1,1,[0,0,0,4],null],"trump":[1,1,[0,0,0,8],null]});
