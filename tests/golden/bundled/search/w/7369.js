ArchiveSearch.receive("w/7369",{"signing":[1,"sign"]});
