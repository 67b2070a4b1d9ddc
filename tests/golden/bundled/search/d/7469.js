ArchiveSearch.receive("d/7469",{"ti":[1,1,[0,0,0,0,0,2,519],null],"time":[1,1,[0,0,0,0,0,1,519],null]});
