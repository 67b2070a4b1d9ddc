ArchiveSearch.receive("w/6375",{"cultivate":[1,"cultiv"],"cut":[1]});
