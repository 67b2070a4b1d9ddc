"""Render page contexts through templates, straight into the new site's staging folder."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2

from generator.incremental import manifest as reuse
from generator.render import urls
from generator.archive.model import Problem
from generator.render.contexts import (
    AllPages, ArticlePage, HomePage, ListingPage, NotFoundPage, SearchPage, SectionPage,
)
from generator.output.writer import Staging

TEMPLATE_FOR = {
    ArticlePage: "article.html",
    ListingPage: "listing.html",
    HomePage: "home.html",
    SectionPage: "section.html",
    SearchPage: "search.html",
    NotFoundPage: "404.html",
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
    entries: dict[str, reuse.Entry] = field(default_factory=dict)  # for the next build's manifest
    rendered: int = 0  # pages rendered; the rest were kept from the previous build

    def add(self, other: "Rendered") -> None:
        self.paths.extend(other.paths)
        self.changed += other.changed
        self.problems.extend(other.problems)
        self.entries.update(other.entries)
        self.rendered += other.rendered


def render_into(
    pages: AllPages, indices: range, env: jinja2.Environment, site: object, links: urls.Links,
    staging: Staging, root: Path, display_root: str, base: bytes, manifest: reuse.Manifest,
) -> Rendered:
    """Render pages[i] for i in indices straight into the staging folder (nothing kept in memory).

    A page whose fingerprint and previous file match the manifest is kept from
    the previous site without rendering. Template errors are collected, not
    raised, so one run reports them all.
    """
    done = Rendered()
    seen: set[str] = set()
    fingerprints = reuse.Fingerprints(base)
    for index in indices:
        path = pages.path(index)
        fingerprint = fingerprints.of((path, pages.keyed(index)))
        if not done.problems and manifest.reusable(path, fingerprint, staging.out):
            staging.keep(path)
            done.paths.append(path)
            done.entries[path] = manifest.entries[path]
            continue
        page = pages[index]
        try:
            data = render_page(env, site, page, links)
        except jinja2.TemplateError as exc:
            problem = template_problem(exc, root, display_root)
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
