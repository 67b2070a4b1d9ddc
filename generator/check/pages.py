"""The checks of one HTML page: language, title, links, loads, ids and JSON-LD."""

from __future__ import annotations

import json
import posixpath
import re
from typing import TYPE_CHECKING, Any

from lxml import etree

if TYPE_CHECKING:
    from generator.check import Checker

# What a page links to or loads, found by one XPath query (in C) per page.
_REFS = etree.XPath(
    "//@href|//@src|//@srcset|//form/@action|//meta[@property='og:url' or @property='og:image']/@content"
)
_IDS = etree.XPath("//@id|//a/@name", smart_strings=False)  # a smart string keeps its whole tree alive
_TITLE = etree.XPath("/html/head/title")
_JSON_LD = etree.XPath("//script[@type='application/ld+json']")
_OG_TYPE = etree.XPath("/html/head/meta[@property='og:type']/@content")
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$")
_PARSER = etree.HTMLParser(collect_ids=False)


def check(checker: Checker, path: str) -> None:
    checker.pages += 1
    try:
        data = (checker.out / path).read_bytes()
        root = etree.fromstring(data, _PARSER) if data.strip() else None
    except (OSError, etree.LxmlError) as exc:
        checker.report(path, None, f"cannot be read: {exc}")
        return
    if root is None:
        checker.report(path, None, "is empty")
        return
    if not (root.get("lang") or "").strip():
        checker.report(path, root.sourceline, "has no <html lang>")
    titles = _TITLE(root)
    if not titles or not "".join(titles[0].itertext()).strip():
        checker.report(path, titles[0].sourceline if titles else None, "has no <title>")
    checker.ids[path] = set(_IDS(root))
    folder = posixpath.dirname(path)
    for ref in _REFS(root):
        element = ref.getparent()
        if ref.attrname == "srcset":
            for candidate in str(ref).split(","):
                if candidate.strip():
                    checker.link(path, element.sourceline, folder, candidate.split()[0], element.tag)
        elif element.tag != "base":
            checker.link(path, element.sourceline, folder, str(ref), element.tag)
    _structured(checker, path, root)


def _structured(checker: Checker, path: str, root: Any) -> None:
    scripts = _JSON_LD(root)
    if not scripts and _OG_TYPE(root) == ["article"]:
        checker.report(path, None, "an article page without JSON-LD")
    folder = posixpath.dirname(path)
    for script in scripts:
        line = script.sourceline
        try:
            data = json.loads(script.text or "")
        except ValueError as exc:
            checker.report(path, line, f"JSON-LD does not parse: {exc}")
            continue
        for message in news_article_problems(data):
            checker.report(path, line, f"JSON-LD: {message}")
        if isinstance(data, dict):
            image = data.get("image")
            if isinstance(image, dict) and isinstance(image.get("contentUrl"), str):
                checker.link(path, line, folder, image["contentUrl"], "script-ld")
            if isinstance(data.get("url"), str):
                named = checker.link(path, line, folder, data["url"], "script-ld")
                if named is not None and named in checker.files and named != path:
                    checker.report(path, line, f'JSON-LD: "url" names {named}, not this page')


def news_article_problems(data: object) -> list[str]:
    """What a NewsArticle of ours (structured.news_article) lacks or gets wrong: it always has
    its context, type, headline and language; the dates, authors and image when it has them."""
    if not isinstance(data, dict):
        return ["not an object"]
    problems = []
    if data.get("@context") != "https://schema.org":
        problems.append('"@context" is not "https://schema.org"')
    if data.get("@type") != "NewsArticle":
        problems.append('"@type" is not "NewsArticle"')
    for key in ("headline", "inLanguage"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            problems.append(f'no "{key}"')
    for key in ("datePublished", "dateModified"):
        if key in data and not (isinstance(data[key], str) and _ISO.match(data[key])):
            problems.append(f'"{key}" is not an ISO 8601 date: {data[key]!r}')
    authors = data.get("author", [])
    if not isinstance(authors, list) or not all(
        isinstance(a, dict) and a.get("@type") == "Person" and isinstance(a.get("name"), str) for a in authors
    ):
        problems.append('"author" is not a list of Persons with names')
    if "image" in data and not (isinstance(data["image"], dict) and data["image"].get("@type") == "ImageObject"):
        problems.append('"image" is not an ImageObject')
    return problems
