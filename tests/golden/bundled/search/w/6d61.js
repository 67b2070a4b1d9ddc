ArchiveSearch.receive("w/6d61",{"made":[1],"maintain":[1],"maintaining":[1,"maintain"],"maintains":[1,"maintain"],"major":[1],"make":[1],"making":[1,"make"],"mandated":[1,"mandat"]});
