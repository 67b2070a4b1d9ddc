ArchiveSearch.receive("w/7075",{"publicly":[1,"publicli"],"putting":[1,"put"]});
