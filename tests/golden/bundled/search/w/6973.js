ArchiveSearch.receive("w/6973",{"isis":[1,"isi"]});
