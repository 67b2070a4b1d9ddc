ArchiveSearch.receive("d/7370",{"specif":[1,1,[0,0,0,0,0,2,519],null],"spent":[1,1,[0,0,0,0,0,1,519],null],"spring":[1,1,[0,0,0,0,0,1,519],null]});
