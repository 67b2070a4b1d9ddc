"""Render page contexts through templates into OutputFiles (in memory, nothing written)."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Iterable, Iterator

import jinja2

from generator import urls
from generator.model import OutputFile, Problem, ProblemsFound
from generator.pages import ArticlePage, HomePage, ListingPage, NotFoundPage, SearchPage, SectionPage

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


def render_pages(
    env: jinja2.Environment, site: object, pages: Iterable[object], links: urls.Links,
    root: Path, display_root: str,
) -> Iterator[OutputFile]:
    """Render each page. Template errors are collected and raised together at the end."""
    problems: dict[str, Problem] = {}
    for page in pages:
        template_name = TEMPLATE_FOR[type(page)]
        path = page.path

        def url(target: str, _from: str = path, _page: object = page) -> str:
            # A host serves 404.html at any depth: only links from the host's root work there.
            if isinstance(_page, NotFoundPage) and links.base_url:
                return links.rooted(target)
            return links.href(_from, target)

        try:
            template = env.get_template(template_name)
            text = template.render(site=site, page=page, url=url)
        except jinja2.TemplateError as exc:
            problem = template_problem(exc, root, display_root)
            problems.setdefault(str(problem), problem)
            continue
        yield OutputFile(path, text.encode("utf-8"))
    if problems:
        raise ProblemsFound(list(problems.values()))
