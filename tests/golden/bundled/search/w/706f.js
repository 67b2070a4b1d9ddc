ArchiveSearch.receive("w/706f",{"police":[1,"polic"],"politically":[1,"polit"],"pompeo":[1],"postured":[1,"postur"]});
