ArchiveSearch.receive("d/6d61",{"made":[1,1,[0,0,0,1],null],"maintain":[1,1,[0,0,0,4],null],"major":[1,1,[0,0,0,1],null],"make":[1,1,[0,0,0,2],null],"mandat":[1,1,[0,0,0,1],null]});
