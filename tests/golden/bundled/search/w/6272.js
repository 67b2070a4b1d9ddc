ArchiveSearch.receive("w/6272",{"brief":[1],"briefed":[1,"brief"]});
