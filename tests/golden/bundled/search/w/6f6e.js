ArchiveSearch.receive("w/6f6e",{"ongoing":[1,"ongo"]});
