"""Rendering: links, Markdown bodies, page contexts, templates, feeds, structured data and the files
copied as they are."""
