"""`archive import`: scraped text, HTML pages, WARC captures and Markdown -> content/ articles.

One reader per input shape (`text`, `html`, `warc`, `markdown`), each returning
`Imported` records; one writer (`emit`); one orchestrator (`run`).
"""
