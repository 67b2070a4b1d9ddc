ArchiveSearch.receive("w/7261",{"raise":[1,"rais"]});
