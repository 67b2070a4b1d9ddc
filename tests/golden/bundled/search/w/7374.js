ArchiveSearch.receive("w/7374",{"state":[1],"states":[1,"state"],"story":[1,"stori"]});
