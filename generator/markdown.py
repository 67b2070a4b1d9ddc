"""The one configured Markdown renderer: CommonMark + tables, footnotes and heading anchors.

Raw HTML in articles comes from scraped pages and is untrusted: the rendered HTML
goes through the nh3 allow-list sanitiser, and only then becomes Markup. This is
the one place article HTML is marked safe.
"""

from __future__ import annotations

import html
import re

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markupsafe import Markup, escape
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from generator.slugs import make_slug

_TAG = re.compile(r"<[^>]+>")
_ODD = re.compile(r"[\\\x00-\x1f\x7f]")  # backslashes and control characters
_REMOTE = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")

TAGS = (nh3.ALLOWED_TAGS - {"center", "acronym", "strike", "tt", "map", "area", "nav"}) | {"section"}
ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    **{f"h{level}": {"id"} for level in range(1, 7)},
    "a": {"href", "hreflang", "id", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "li": {"id"},
    "sup": {"id"},
    "abbr": {"title"},
}
CLASSES = {
    "section": {"footnotes"},
    "hr": {"footnotes-sep"},
    "sup": {"footnote-ref"},
    "li": {"footnote-item"},
    "a": {"footnote-backref", "remote-image"},
    "ol": {"footnotes-list"},
}


def _as_browsers_read(url: str) -> str:
    """Browsers drop tabs and newlines from URLs, trim control characters and read `\\` as `/`."""
    return re.sub(r"[\t\r\n]", "", url).strip("\x00-\x20 ").replace("\\", "/")


def is_remote(src: str) -> bool:
    """True for anything with a scheme or a host: never loaded by an archived page."""
    return bool(_REMOTE.match(_as_browsers_read(src)))


def is_local(src: str) -> bool:
    """A plain relative or site path, read the same way by every browser."""
    return bool(src) and not is_remote(src) and not _ODD.search(src)


def _image_rule(renderer: RendererHTML, tokens, index, options, env) -> str:
    token = tokens[index]
    src = token.attrGet("src") or ""
    alt = renderer.renderInlineAsText(token.children or [], options, env)
    if not is_local(src):
        # A page of the archive never loads anything from outside it: link instead.
        label = f"Image (not archived): {alt}" if alt else "Image (not archived)"
        return f'<a class="remote-image" href="{escape(src)}">{escape(label)}</a>'
    return renderer.image(tokens, index, options, env)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not is_local(value):
        return None
    return value


def new_renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "typographer": False})
    md.enable("table").enable("strikethrough")
    md.use(footnote_plugin)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=make_slug)
    md.add_render_rule("image", _image_rule)
    return md


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        allowed_classes=CLASSES,
        attribute_filter=_attribute_filter,
        link_rel="noopener noreferrer",
    )


def plain_text(html_text: str) -> str:
    """The words of some HTML, tags dropped, entities decoded, white space folded."""
    # str.split() splits at exactly the characters `\s` matches (Py_UNICODE_ISSPACE), faster
    return " ".join(html.unescape(_TAG.sub(" ", html_text)).split())


def render(md: MarkdownIt, text: str) -> Markup:
    """Markdown to sanitised HTML, marked safe for templates."""
    return Markup(sanitise(md.render(text)))
