"""The Jinja2 environment: built-in theme plus the archive's own templates/.

A root's `templates/NAME` shadows the built-in `NAME`, and can extend the one it
replaces as `default:NAME` (Datasette's convention). Autoescaping and
StrictUndefined are always on.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2

from generator.archive import dates, languages
from generator.archive.layout import BUILTIN_TEMPLATES, TEMPLATES_DIR, escaped, is_text
from generator.incremental import cache as cache_mod


def environment(root: Path, cache: bool = False) -> jinja2.Environment:
    """`cache`: keep the compiled templates under ROOT/.cache/ (compiling them took a twentieth
    of a second at every build)."""
    builtin = jinja2.FileSystemLoader(str(BUILTIN_TEMPLATES))
    loaders: list[jinja2.BaseLoader] = [jinja2.PrefixLoader({"default": builtin}, delimiter=":")]
    own = root / TEMPLATES_DIR
    if own.is_dir():
        loaders.append(_TextLoader(str(own)))
    loaders.append(builtin)
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one build, one set of templates: no stat of each template per page
        bytecode_cache=_bytecode_cache(root) if cache else None,
    )
    env.filters["date"] = dates.display
    env.filters["iso"] = dates.iso
    env.filters["direction"] = languages.direction  # "rtl" or "ltr", for `dir`
    return env


class _TextLoader(jinja2.FileSystemLoader):
    """An archive's templates: one that is not UTF-8, or whose name is not, is a template error."""

    def get_source(self, environment: jinja2.Environment, template: str):
        if not (template.isascii() or is_text(template)):  # its bytecode cache key would fail
            path = Path(self.searchpath[0], template)
            raise jinja2.TemplateSyntaxError("the file's name is not UTF-8 text; rename it", 1, template,
                                             escaped(str(path)))
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError as exc:
            pieces = jinja2.loaders.split_template_path(template)
            path = next(p for p in (Path(base, *pieces) for base in self.searchpath) if p.is_file())
            line = exc.object[: exc.start].count(b"\n") + 1
            raise jinja2.TemplateSyntaxError("the file is not valid UTF-8 text", line, template, str(path)) from None


def _bytecode_cache(root: Path) -> jinja2.BytecodeCache | None:
    """Jinja checks each entry against its template's source; the folder is named by our code
    and library versions (the environment's options are in the code), other versions' go."""
    folder = root / cache_mod.FOLDER / "templates"
    mine = folder / cache_mod.fingerprint()[:20]
    try:
        if not mine.is_dir():
            if folder.is_dir():
                for other in folder.iterdir():
                    shutil.rmtree(other, ignore_errors=True)
            mine.mkdir(parents=True)
    except OSError:
        return None  # a read-only root: compile as before
    return jinja2.FileSystemBytecodeCache(str(mine))
