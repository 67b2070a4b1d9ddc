ArchiveSearch.receive("d/7965",{"year":[1,1,[0,0,0,1,16],null]});
