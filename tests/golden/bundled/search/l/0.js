ArchiveSearch.receive("l/0",[9,0,519]);
