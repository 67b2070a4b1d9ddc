ArchiveSearch.receive("w/636e",{"cnn":[1]});
