ArchiveSearch.receive("w/6368",{"challenges":[1,"challeng"]});
