ArchiveSearch.receive("w/686f",{"hoax":[1],"hope":[1]});
