ArchiveSearch.receive("d/6171",{"aqi":[1,1,[0,0,0,2,16],null]});
