"""The archive's model: articles, dates, slugs, front matter and its schema, the configuration, and
the assembled archive (ordering, groups, flags). Pure data and rules: no I/O beyond reading a file."""
