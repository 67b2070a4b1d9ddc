ArchiveSearch.receive("d/6578",{"expedit":[2,1,[0,1,9,0,0,2,519],null]});
