ArchiveSearch.receive("d/6d61",{"made":[1,1,[0,0,0,1,16],null],"maintain":[1,1,[0,0,0,4,16],null],"major":[1,1,[0,0,0,1,16],null],"make":[1,1,[0,0,0,2,16],null],"mandat":[1,1,[0,0,0,1,16],null]});
