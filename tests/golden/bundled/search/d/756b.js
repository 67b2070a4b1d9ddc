ArchiveSearch.receive("d/756b",{"uk":[1,1,[0,0,0,1,16],null]});
