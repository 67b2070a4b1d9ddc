"""`archive export`: the archive in formats that outlive any host."""
