"""Loading content: discover the article files and read each into an article and its rendered body."""
