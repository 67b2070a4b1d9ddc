"""Where things are: the folders of an archive root and of the built-in theme.

Apart from the modules that read them, so that code needing only the names
(the snapshot a build with nothing to do compares) loads no parser or template engine.
"""

from __future__ import annotations

from pathlib import Path

CONTENT_DIR = "content"  # the articles, ROOT/content/YYYY/<slug>.md
TEMPLATES_DIR = "templates"  # the archive's own templates, each replacing the theme's of that name
STATIC_DIR = "static"  # files copied as they are, in the root and in the site
THEME_DIR = Path(__file__).parent.parent / "theme"
BUILTIN_TEMPLATES = THEME_DIR / "templates"
BUILTIN_STATIC = THEME_DIR / "static"
