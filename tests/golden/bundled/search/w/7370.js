ArchiveSearch.receive("w/7370",{"specifically":[1,"specif"],"spent":[1],"spring":[1]});
