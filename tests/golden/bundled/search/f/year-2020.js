ArchiveSearch.receive("f/year-2020",[0]);
