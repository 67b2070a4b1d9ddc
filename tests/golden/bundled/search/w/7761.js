ArchiveSearch.receive("w/7761",{"warned":[1,"warn"],"warns":[1,"warn"],"way":[1]});
