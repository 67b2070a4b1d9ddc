ArchiveSearch.receive("w/6372",{"credibility":[1,"credibl"],"credible":[1,"credibl"]});
