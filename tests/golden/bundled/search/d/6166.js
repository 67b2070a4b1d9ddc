ArchiveSearch.receive("d/6166",{"afghan":[1,1,[0,0,0,0,0,6,519],null],"afghanistan":[2,1,[0,1,9,0,0,10,519],null]});
