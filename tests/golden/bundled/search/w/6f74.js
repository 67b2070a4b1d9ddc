ArchiveSearch.receive("w/6f74",{"others":[1,"other"]});
