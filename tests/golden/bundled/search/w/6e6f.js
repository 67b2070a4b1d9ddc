ArchiveSearch.receive("w/6e6f",{"norms":[1,"norm"],"noted":[1,"note"],"nothing":[1,"noth"],"noting":[1,"note"]});
