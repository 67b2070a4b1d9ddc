ArchiveSearch.receive("w/6c6f",{"local":[1],"long":[1],"low":[1]});
