ArchiveSearch.receive("d/616d",{"american":[1,1,[0,0,0,5,16],null],"amid":[1,1,[0,0,0,1,16],null]});
