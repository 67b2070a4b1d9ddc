ArchiveSearch.receive("w/6d75",{"much":[1],"multiple":[1,"multipl"]});
