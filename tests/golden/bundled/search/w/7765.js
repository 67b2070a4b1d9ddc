ArchiveSearch.receive("w/7765",{"wednesday":[1],"week":[1],"well":[1],"western":[1]});
