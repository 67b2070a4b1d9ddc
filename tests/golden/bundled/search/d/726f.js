ArchiveSearch.receive("d/726f",{"routin":[1,1,[0,0,0,1,16],null]});
