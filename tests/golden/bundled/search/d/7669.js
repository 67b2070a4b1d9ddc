ArchiveSearch.receive("d/7669",{"viciou":[1,1,[0,0,0,1],null],"view":[1,1,[0,0,0,1],null],"violenc":[1,1,[0,0,0,3],null]});
