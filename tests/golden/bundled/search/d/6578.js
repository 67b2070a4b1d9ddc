ArchiveSearch.receive("d/6578",{"expedit":[2,1,[0,1,0,2,16400],null]});
