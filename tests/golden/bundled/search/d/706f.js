ArchiveSearch.receive("d/706f",{"polic":[1,1,[0,0,0,1,16],null],"polit":[1,1,[0,0,0,1,16],null],"pompeo":[1,1,[0,0,0,8,16],null],"postur":[1,1,[0,0,0,1,16],null]});
