ArchiveSearch.receive("d/6f70",{"oper":[1,1,[0,0,0,2,16],null]});
