ArchiveSearch.receive("w/7275",{"russia":[1],"russian":[1],"russians":[1,"russian"]});
