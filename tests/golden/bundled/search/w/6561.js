ArchiveSearch.receive("w/6561",{"eavesdropping":[1,"eavesdrop"]});
