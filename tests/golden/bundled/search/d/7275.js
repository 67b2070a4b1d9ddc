ArchiveSearch.receive("d/7275",{"russia":[2,1,[0,1,9,0,0,6,519],null],"russian":[1,1,[0,0,0,0,0,11,519],null]});
