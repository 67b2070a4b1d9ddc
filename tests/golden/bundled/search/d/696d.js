ArchiveSearch.receive("d/696d",{"import":[1,1,[0,0,0,1,16],null]});
