ArchiveSearch.receive("w/752e",{"u.s":[1,"u."]});
