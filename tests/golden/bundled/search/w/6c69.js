ArchiveSearch.receive("w/6c69",{"limit":[1],"linked":[1,"link"],"links":[1,"link"],"lives":[1,"live"]});
