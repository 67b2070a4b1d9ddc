ArchiveSearch.receive("f/flag-archived",[0]);
