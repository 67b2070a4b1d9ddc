ArchiveSearch.receive("d/656c",{"electron":[1,1,[0,0,0,1,16],null],"element":[1,1,[0,0,0,1,16],null]});
