ArchiveSearch.receive("d/6272",{"brief":[1,1,[0,0,0,2,16],null]});
