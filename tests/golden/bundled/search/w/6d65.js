ArchiveSearch.receive("w/6d65",{"members":[1,"member"]});
