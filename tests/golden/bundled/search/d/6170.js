ArchiveSearch.receive("d/6170",{"appar":[1,1,[0,0,0,1],null],"appropri":[1,1,[0,0,0,3],null]});
