ArchiveSearch.receive("d/69e28099",{"i’v":[1,1,[0,0,0,1,16],null]});
