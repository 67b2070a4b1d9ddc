ArchiveSearch.receive("w/656e",{"encourage":[1,"encourag"],"enduring":[1,"endur"],"engaged":[1,"engag"],"enter":[1]});
