ArchiveSearch.receive("d/6669",{"final":[1,1,[0,0,0,1,16],null]});
