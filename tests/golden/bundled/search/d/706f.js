ArchiveSearch.receive("d/706f",{"polic":[1,1,[0,0,0,1],null],"polit":[1,1,[0,0,0,1],null],"pompeo":[1,1,[0,0,0,8],null],"postur":[1,1,[0,0,0,1],null]});
