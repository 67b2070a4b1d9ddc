ArchiveSearch.receive("d/7370",{"specif":[1,1,[0,0,0,2,16],null],"spent":[1,1,[0,0,0,1,16],null],"spring":[1,1,[0,0,0,1,16],null]});
