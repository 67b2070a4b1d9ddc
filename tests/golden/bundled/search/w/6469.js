ArchiveSearch.receive("w/6469",{"direction":[1,"direct"]});
