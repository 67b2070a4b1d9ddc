ArchiveSearch.receive("d/676f",{"govern":[1,1,[0,0,0,4,16],null]});
