ArchiveSearch.receive("d/7275",{"russia":[2,1,[0,1,0,6,16400],null],"russian":[1,1,[0,0,0,11,16],null]});
