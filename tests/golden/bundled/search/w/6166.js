ArchiveSearch.receive("w/6166",{"afghan":[1],"afghanistan":[1]});
