ArchiveSearch.receive("d/616c",{"al":[1,1,[0,0,0,3],null],"alleg":[1,1,[0,0,0,1],null],"alli":[1,1,[0,0,0,1],null],"alreadi":[1,1,[0,0,0,1],null],"although":[1,1,[0,0,0,1],null]});
