ArchiveSearch.receive("w/6f76",{"over":[1]});
