ArchiveSearch.receive("d/6f76",{"over":[1,1,[0,0,0,1,16],null]});
