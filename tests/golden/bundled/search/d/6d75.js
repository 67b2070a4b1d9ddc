ArchiveSearch.receive("d/6d75",{"much":[1,1,[0,0,0,1,16],null],"multipl":[1,1,[0,0,0,2,16],null]});
