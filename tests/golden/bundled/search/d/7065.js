ArchiveSearch.receive("d/7065",{"peac":[1,1,[0,0,0,2],null],"pentagon":[2,1,[0,1,0,4],null],"period":[1,1,[0,0,0,1],null],"perpetr":[1,1,[0,0,0,1],null],"personnel":[1,1,[0,0,0,2],null]});
