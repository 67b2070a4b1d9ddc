ArchiveSearch.receive("w/6171",{"aqis":[1,"aqi"]});
