ArchiveSearch.receive("w/626f",{"bounties":[1,"bounti"],"bounty":[1,"bounti"]});
