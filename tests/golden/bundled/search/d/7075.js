ArchiveSearch.receive("d/7075",{"publicli":[1,1,[0,0,0,1,16],null],"put":[1,1,[0,0,0,1,16],null]});
