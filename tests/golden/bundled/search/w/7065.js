ArchiveSearch.receive("w/7065",{"peace":[1,"peac"],"pentagon":[1],"period":[1],"perpetrators":[1,"perpetr"],"personnel":[1]});
