ArchiveSearch.receive("d/636e",{"cnn":[1,1,[0,0,0,4,16],null]});
