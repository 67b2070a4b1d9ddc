"""Render page contexts through templates, straight into the new site's staging folder."""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

import jinja2

from generator.archive.model import Problem
from generator.output.writer import Staging
from generator.render import templates, urls
from generator.render.contexts import (
    ArticlePage,
    DiffPage,
    HomePage,
    ListingPage,
    NotFoundPage,
    SearchPage,
    SectionPage,
    VersionPage,
)
from generator.render.pages import AllPages

TEMPLATE_FOR = {
    ArticlePage: "article.html",
    ListingPage: "listing.html",
    HomePage: "home.html",
    SectionPage: "section.html",
    SearchPage: "search.html",
    NotFoundPage: "404.html",
    VersionPage: "version.html",
    DiffPage: "diff.html",
}


def template_problem(exc: Exception, root: Path, display_root: str) -> Problem:
    """Where in which template an error happened, as `templates/x.html:LINE`."""
    filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if filename is None:
        for frame, frame_line in traceback.walk_tb(exc.__traceback__):
            name = frame.f_code.co_filename
            if name.endswith((".html", ".xml")):
                filename, line = name, frame_line
    return Problem(_shown(filename, root, display_root), line, f"template error: {exc}")


def _shown(filename: str | None, root: Path, display_root: str) -> str:
    if filename is None:
        return "templates"
    path = Path(filename)
    try:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return f"(built-in theme) {path.name}"
    return rel if display_root in ("", ".") else f"{display_root.rstrip('/')}/{rel}"


def check_templates(env: jinja2.Environment, root: Path, display_root: str) -> list[Problem]:
    """Compile every template the archive overrides, so syntax errors are found before rendering."""
    problems = []
    own = root / "templates"
    if not own.is_dir():
        return problems
    for path in sorted(own.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml"):
            try:
                env.get_template(path.relative_to(own).as_posix())
            except jinja2.TemplateSyntaxError as exc:
                problems.append(template_problem(exc, root, display_root))
    return problems


def page_url(page: object, links: urls.Links) -> Callable[[str], str]:
    """The `url()` templates call: a relative link from this page to a site path."""
    path = page.path
    if isinstance(page, NotFoundPage) and links.base_url:
        # A host serves 404.html at any depth: only links from the host's root work there.
        return links.rooted
    return lambda target: links.href(path, target)


def render_page(env: jinja2.Environment, site: object, page: object, links: urls.Links) -> bytes:
    template = env.get_template(TEMPLATE_FOR[type(page)])
    return template.render(site=site, page=page, url=page_url(page, links)).encode("utf-8")


@dataclass
class Rendered:
    """What a share of the pages came to: files put into the staging folder, and problems."""

    paths: list[str] = field(default_factory=list)
    changed: int = 0
    problems: list[Problem] = field(default_factory=list)
    entries: dict[str, list] = field(default_factory=dict)  # for the next build's manifest
    rendered: int = 0  # pages rendered; the rest were kept from the previous build

    def add(self, other: "Rendered") -> None:
        self.paths.extend(other.paths)
        self.changed += other.changed
        self.problems.extend(other.problems)
        self.entries.update(other.entries)
        self.rendered += other.rendered


class Reuse(Protocol):
    """What rendering asks of the last build (the incremental engine's `manifest.PageReuse`)."""

    def fingerprint(self, index: int, path: str) -> str: ...

    def kept(self, path: str, fingerprint: str) -> list | None:
        """The manifest entry of the last build's file at path, if it was made from this
        fingerprint and is still as it was written; else None."""

    def entry(self, fingerprint: str, info: os.stat_result) -> list: ...


@dataclass(frozen=True)
class Shared:
    """What every page of a build is rendered with: handed to each worker once."""

    env: jinja2.Environment
    site: object  # contexts.SiteInfo
    links: urls.Links
    staging: Staging
    root: Path
    display_root: str  # how the root is named in messages
    reuse: Reuse

    def __reduce__(self):
        """Sent to a cluster's worker: the template environment is made again there (it does not
        pickle), from the same root and with the same bytecode cache."""
        return _shared_again, (self.env.bytecode_cache is not None, self.site, self.links, self.staging, self.root,
                               self.display_root, self.reuse)


def _shared_again(cached: bool, *fields) -> Shared:
    return Shared(templates.environment(fields[3], cached), *fields)


def render_into(pages: AllPages, indices: range, shared: Shared) -> Rendered:
    """Render pages[i] for i in indices straight into the staging folder (nothing kept in memory).

    A page the last build made from the same inputs, whose file is still as it
    was written, is kept without rendering. Template errors are collected, not
    raised, so one run reports them all.
    """
    env, site, links, staging, reuse = shared.env, shared.site, shared.links, shared.staging, shared.reuse
    done = Rendered()
    seen: set[str] = set()
    for index in indices:
        path = pages.path(index)
        fingerprint = reuse.fingerprint(index, path)
        kept = None if done.problems else reuse.kept(path, fingerprint)
        if kept is not None:
            staging.keep(path)
            done.paths.append(path)
            done.entries[path] = kept
            continue
        page = pages[index]
        try:
            data = render_page(env, site, page, links)
        except jinja2.TemplateError as exc:
            problem = template_problem(exc, shared.root, shared.display_root)
            if str(problem) not in seen:
                seen.add(str(problem))
                done.problems.append(problem)
            continue
        done.rendered += 1
        if not done.problems:  # after an error the build fails: no point writing
            changed, info = staging.put(path, data)
            done.changed += changed
            done.paths.append(path)
            done.entries[path] = reuse.entry(fingerprint, info)
    return done
