ArchiveSearch.receive("d/7765",{"wednesday":[1,1,[0,0,0,3,16],null],"week":[1,1,[0,0,0,1,16],null],"well":[1,1,[0,0,0,1,16],null],"western":[1,1,[0,0,0,2,16],null]});
