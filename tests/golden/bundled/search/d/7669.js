ArchiveSearch.receive("d/7669",{"viciou":[1,1,[0,0,0,1,16],null],"view":[1,1,[0,0,0,1,16],null],"violenc":[1,1,[0,0,0,3,16],null]});
