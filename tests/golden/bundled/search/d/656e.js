ArchiveSearch.receive("d/656e",{"encourag":[1,1,[0,0,0,1,16],null],"endur":[1,1,[0,0,0,1,16],null],"engag":[1,1,[0,0,0,1,16],null],"enter":[1,1,[0,0,0,1,16],null]});
