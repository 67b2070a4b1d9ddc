ArchiveSearch.receive("d/6b69",{"kill":[1,1,[0,0,0,3,16],null]});
