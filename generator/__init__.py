"""article-archive: turn scraped news articles into a lasting, searchable static site."""

__version__ = "0.1.0"
