"""One module per command: each ties the core together for one job and hands blocks to output."""
