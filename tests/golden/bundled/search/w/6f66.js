ArchiveSearch.receive("w/6f66",{"offered":[1,"offer"],"offering":[1,"offer"],"official":[1,"offici"],"officials":[1,"offici"]});
