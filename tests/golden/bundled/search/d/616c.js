ArchiveSearch.receive("d/616c",{"al":[1,1,[0,0,0,3,16],null],"alleg":[1,1,[0,0,0,1,16],null],"alli":[1,1,[0,0,0,1,16],null],"alreadi":[1,1,[0,0,0,1,16],null],"although":[1,1,[0,0,0,1,16],null]});
