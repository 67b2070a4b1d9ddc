ArchiveSearch.receive("w/6b69",{"kill":[1],"killing":[1,"kill"]});
