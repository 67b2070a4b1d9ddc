ArchiveSearch.receive("w/7469",{"ties":[1,"ti"],"time":[1]});
