ArchiveSearch.receive("w/6d6f",{"months":[1,"month"],"moscow":[1]});
