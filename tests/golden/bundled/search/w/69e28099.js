ArchiveSearch.receive("w/69e28099",{"i’ve":[1,"i’v"]});
