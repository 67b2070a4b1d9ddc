ArchiveSearch.receive("w/616d",{"american":[1],"americans":[1,"american"],"amid":[1]});
