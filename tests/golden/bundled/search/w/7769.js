ArchiveSearch.receive("w/7769",{"withdrawal":[1,"withdraw"],"without":[1]});
