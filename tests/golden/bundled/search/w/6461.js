ArchiveSearch.receive("w/6461",{"daily":[1,"daili"],"day":[1]});
