ArchiveSearch.receive("f/flag-outdated",[0]);
