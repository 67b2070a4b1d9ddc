ArchiveSearch.receive("w/7472",{"train":[1],"training":[1,"train"],"troop":[1],"troops":[1,"troop"],"trump":[1]});
