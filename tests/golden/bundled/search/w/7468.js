ArchiveSearch.receive("w/7468",{"think":[1],"those":[1],"threat":[1]});
