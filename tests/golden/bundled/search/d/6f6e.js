ArchiveSearch.receive("d/6f6e",{"ongo":[1,1,[0,0,0,1,16],null]});
