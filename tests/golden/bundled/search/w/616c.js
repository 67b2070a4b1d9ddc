ArchiveSearch.receive("w/616c",{"al":[1],"alleged":[1,"alleg"],"allies":[1,"alli"],"already":[1,"alreadi"],"although":[1]});
