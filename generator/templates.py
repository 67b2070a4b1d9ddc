"""The Jinja2 environment: built-in theme plus the archive's own templates/.

A root's `templates/NAME` shadows the built-in `NAME`, and can extend the one it
replaces as `default:NAME` (Datasette's convention). Autoescaping and
StrictUndefined are always on.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from generator import dates
from generator.layout import BUILTIN_TEMPLATES, TEMPLATES_DIR


def environment(root: Path) -> jinja2.Environment:
    builtin = jinja2.FileSystemLoader(str(BUILTIN_TEMPLATES))
    loaders: list[jinja2.BaseLoader] = [jinja2.PrefixLoader({"default": builtin}, delimiter=":")]
    own = root / TEMPLATES_DIR
    if own.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(own)))
    loaders.append(builtin)
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one build, one set of templates: no stat of each template per page
    )
    env.filters["date"] = dates.display
    env.filters["iso"] = dates.iso
    return env


def own_templates(root: Path) -> list[Path]:
    """The archive's template files, for error messages and cache keys."""
    own = root / TEMPLATES_DIR
    return sorted(p for p in own.rglob("*") if p.is_file()) if own.is_dir() else []
