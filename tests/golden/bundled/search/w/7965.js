ArchiveSearch.receive("w/7965",{"year":[1]});
