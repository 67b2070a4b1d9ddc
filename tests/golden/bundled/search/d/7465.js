ArchiveSearch.receive("d/7465",{"term":[1,1,[0,0,0,1,16],null]});
