ArchiveSearch.receive("d/6f74",{"other":[1,1,[0,1,0,0,16384],null]});
