ArchiveSearch.receive("d/6375",{"cultiv":[1,1,[0,0,0,1,16],null],"cut":[1,1,[0,0,0,1,16],null]});
