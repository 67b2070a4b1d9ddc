ArchiveSearch.receive("d/7069",{"piec":[1,1,[0,0,0,1,16],null]});
