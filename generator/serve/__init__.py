"""`archive serve`: a local preview that rebuilds on every edit and reloads open pages.

`paths` maps a request to a file inside site/ (and nothing outside it),
`watch` reports edits to the archive's sources, `reload` is what only the
server adds to a page, `handler` answers requests and `preview` ties them
together: build, watch, rebuild, serve.
"""
