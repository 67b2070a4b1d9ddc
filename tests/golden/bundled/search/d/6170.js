ArchiveSearch.receive("d/6170",{"appar":[1,1,[0,0,0,1,16],null],"appropri":[1,1,[0,0,0,3,16],null]});
