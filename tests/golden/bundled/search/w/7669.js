ArchiveSearch.receive("w/7669",{"vicious":[1,"viciou"],"view":[1],"violence":[1,"violenc"]});
