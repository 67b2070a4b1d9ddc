ArchiveSearch.receive("w/6c65",{"level":[1],"levels":[1,"level"]});
