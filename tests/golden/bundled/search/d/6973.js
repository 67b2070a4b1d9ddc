ArchiveSearch.receive("d/6973",{"isi":[1,1,[0,0,0,1,16],null]});
