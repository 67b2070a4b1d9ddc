ArchiveSearch.receive("w/6f70",{"operations":[1,"oper"],"operatives":[1,"oper"]});
