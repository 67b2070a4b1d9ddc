ArchiveSearch.receive("w/6e65",{"needs":[1,"need"],"negotiations":[1,"negoti"],"new":[1]});
