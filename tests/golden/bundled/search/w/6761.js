ArchiveSearch.receive("w/6761",{"gain":[1]});
