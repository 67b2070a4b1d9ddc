"""Writing the site: staging the new files and switching the output folder in one step."""
