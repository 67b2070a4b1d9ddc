ArchiveSearch.receive("w/6162",{"ability":[1,"abil"],"above":[1,"abov"]});
