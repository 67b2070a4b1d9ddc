ArchiveSearch.receive("w/6164",{"adding":[1,"ad"],"address":[1],"adhere":[1,"adher"],"administration":[1,"administr"],"adverse":[1,"advers"],"advice":[1,"advic"]});
