ArchiveSearch.receive("d/6c6f",{"local":[1,1,[0,0,0,1,16],null],"long":[1,1,[0,0,0,2,16],null],"low":[1,1,[0,0,0,1,16],null]});
