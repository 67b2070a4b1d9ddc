ArchiveSearch.receive("d/666f",{"forc":[1,1,[0,0,0,3,16],null]});
