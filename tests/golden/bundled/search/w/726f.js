ArchiveSearch.receive("w/726f",{"routinely":[1,"routin"]});
