ArchiveSearch.receive("d/7363",{"scale":[1,1,[0,0,0,1,16],null],"scrutini":[1,1,[0,0,0,1,16],null]});
