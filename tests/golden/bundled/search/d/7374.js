ArchiveSearch.receive("d/7374",{"state":[1,1,[0,0,0,3,16],null],"stori":[1,1,[0,0,0,1,16],null]});
