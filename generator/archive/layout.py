"""Where things are: the folders of an archive root and of the built-in theme, and how a path is
shown in messages.

Apart from the modules that read them, so that code needing only the names
(the snapshot a build with nothing to do compares) loads no parser or template engine.
"""

from __future__ import annotations

from pathlib import Path

CONTENT_DIR = "content"  # the articles, ROOT/content/YYYY/<slug>.md
TEMPLATES_DIR = "templates"  # the archive's own templates, each replacing the theme's of that name
STATIC_DIR = "static"  # files copied as they are, in the root and in the site
ORIGINALS_DIR = "originals"  # every imported input, gzipped, named by its sha256 (never published)
VERSIONS_SUFFIX = ".versions"  # content/YYYY/<slug>.versions/<YYYYMMDDhhmmss>.md: an article's captures
THEME_DIR = Path(__file__).parent.parent / "theme"
BUILTIN_TEMPLATES = THEME_DIR / "templates"
BUILTIN_STATIC = THEME_DIR / "static"


def shown_path(display_root: str, rel: str) -> str:
    """A root-relative path as the user should see it in messages."""
    shown = rel if display_root in ("", ".") else f"{display_root.rstrip('/')}/{rel}"
    return shown if shown.isascii() or is_text(shown) else escaped(shown)


def is_text(name: str) -> bool:
    """False for a name that was not UTF-8 on disk (Python keeps its bytes as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def escaped(name: str) -> str:
    """`caf\\xe9.md`: the bytes that are not UTF-8, written out, so the message can be printed."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
