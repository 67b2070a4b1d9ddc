ArchiveSearch.receive("d/6177",{"awar":[1,1,[0,0,0,5,16],null]});
