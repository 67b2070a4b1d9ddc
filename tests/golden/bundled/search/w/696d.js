ArchiveSearch.receive("w/696d",{"importance":[1,"import"]});
