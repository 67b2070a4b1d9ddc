ArchiveSearch.receive("f/source-cnn",[0]);
