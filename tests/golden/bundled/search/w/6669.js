ArchiveSearch.receive("w/6669",{"finalizing":[1,"final"]});
