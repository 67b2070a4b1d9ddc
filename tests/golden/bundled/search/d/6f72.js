ArchiveSearch.receive("d/6f72",{"order":[1,1,[0,0,0,1,16],null]});
