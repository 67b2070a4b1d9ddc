ArchiveSearch.receive("d/6675",{"fulfil":[1,1,[0,0,0,1,16],null],"fulli":[1,1,[0,0,0,1,16],null],"further":[1,1,[0,0,0,1,16],null]});
