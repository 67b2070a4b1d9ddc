ArchiveSearch.receive("w/6163",{"according":[1,"accord"],"accused":[1,"accus"],"achieved":[1,"achiev"],"action":[1],"actively":[1,"activ"]});
