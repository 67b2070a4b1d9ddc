ArchiveSearch.receive("d/6a75",{"juli":[1,1,[0,0,0,1,16],null]});
