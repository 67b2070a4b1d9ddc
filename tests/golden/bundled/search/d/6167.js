ArchiveSearch.receive("d/6167",{"agreement":[1,1,[0,0,0,4,16],null]});
