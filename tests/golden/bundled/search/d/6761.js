ArchiveSearch.receive("d/6761",{"gain":[1,1,[0,0,0,1,16],null]});
