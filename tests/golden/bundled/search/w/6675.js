ArchiveSearch.receive("w/6675",{"fulfilling":[1,"fulfil"],"fully":[1,"fulli"],"further":[1]});
