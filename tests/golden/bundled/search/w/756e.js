ArchiveSearch.receive("w/756e",{"undermine":[1,"undermin"],"unit":[1],"united":[1,"unit"],"unverified":[1,"unverifi"]});
