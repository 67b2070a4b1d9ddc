ArchiveSearch.receive("d/6166",{"afghan":[1,1,[0,0,0,6,16],null],"afghanistan":[2,1,[0,1,0,10,16400],null]});
