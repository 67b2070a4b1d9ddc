ArchiveSearch.receive("d/7469",{"ti":[1,1,[0,0,0,2,16],null],"time":[1,1,[0,0,0,1,16],null]});
