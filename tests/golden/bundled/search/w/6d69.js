ArchiveSearch.receive("w/6d69",{"mid":[1],"mike":[1],"militants":[1,"milit"],"military":[1,"militari"]});
