ArchiveSearch.receive("w/6170",{"apparent":[1,"appar"],"appropriately":[1,"appropri"]});
