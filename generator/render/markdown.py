"""The one configured Markdown renderer: CommonMark + tables, footnotes and heading anchors.

Raw HTML in articles comes from scraped pages and is untrusted: the rendered HTML
goes through the nh3 allow-list sanitiser, and only then becomes Markup. This is
the one place article HTML is marked safe.

Two engines, one output. The reference is markdown-it-py with its plugins
(`reference_renderer`). Most bodies are rendered several times faster by markdown-it-pyrs, the
Rust port, whose HTML is then given the reference's heading ids and remote-image
links (`_fast_html`). The fast engine differs from the reference in a few places, so
a body is given to the reference whenever it could reach one of them; the choice
depends on the body's text alone, so a body always renders to the same bytes:

- footnotes (`[^`, `^[`): the engines number repeated references differently;
- raw `<img` or `<h2`-`<h4` tags: the fast path must tell its own tags from raw ones;
- an image whose label may hold raw HTML (a `<` after `![` in the same paragraph):
  the reference keeps that HTML in the alt text, the fast engine drops it;
- a heading whose text holds raw inline HTML: only the reference sees which part is text;
- a link whose host is not plain ASCII or is an IPv6 address, a `mailto:` link with a
  `%`, a link that starts or ends with a %-escape (Unicode spaces the reference trims):
  the reference writes punycode and brackets, the fast engine %-escapes;
- an autolink `<...>` holding `%` or `xn--`: the reference decodes it for the link text;
- a body that does not end with a line break: the fast engine ends a closing raw HTML
  block with one;
- a Unicode space (no-break, ideographic...) at a line's or a table cell's ends: the
  reference strips it there (Python's str.strip), the fast engine keeps it;
- a table or a quote followed by a list item that cannot interrupt a paragraph (`2.`, an
  empty `-`): the reference ends the table or quote there, the fast engine goes on;
- an empty block quote: the fast engine writes a line break inside it; a raw HTML
  line right after text in a tight list item: the reference writes no line break;
- a table whose header row does not start with `|` or follows a line of text, or a
  delimiter row without a leading `|`: markdown-it 14's table rules (the reference) and
  13's (the fast engine) differ there (`_unusual_table`);
- an image with a `javascript:`, `vbscript:`, `file:` or `data:` destination: if a
  reference of the same label exists the reference renders `!` and a link;
- a run of three or more `~` (strikethrough runs pair up differently, and fences);
- `*`, `_` or `~` beside a non-ASCII symbol (£, €, °, emoji), and the comments `<!-->`,
  `<!--->`: CommonMark 0.31 (the reference) reads them differently from 0.30;
- a raw HTML block left open (`<!--` with no `-->`...), a comment holding `--`, a NUL
  character, a link destination ending in `\\` at a line's end: the engines differ by a
  line break, or one of them takes a link the other does not;
- a line with a backtick run left open, after a `[`: markdown-it-pyrs 0.4 panics on
  some (and should it panic anyway, the reference renders the body).

tests/test_markdown.py renders a corpus of tricky bodies both ways and requires the same
bytes; tests/markdown_compare.py does the same for whole archives.
"""

from __future__ import annotations

import html
import re
import unicodedata

import markdown_it_pyrs
import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markupsafe import Markup, escape
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.anchors.index import unique_slug
from mdit_py_plugins.footnote import footnote_plugin

from generator.archive.slugs import make_slug
from generator.render import nesting
from generator.render.urls import is_local

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


def _image_rule(renderer: RendererHTML, tokens, index, options, env) -> str:
    token = tokens[index]
    src = token.attrGet("src") or ""
    alt = renderer.renderInlineAsText(token.children or [], options, env)
    if not is_local(src):
        return _remote_image(src, alt)
    return renderer.image(tokens, index, options, env)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not is_local(value):
        return None
    return value


def reference_renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "typographer": False})
    md.enable("table").enable("strikethrough")
    md.use(footnote_plugin)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=make_slug)
    md.add_render_rule("image", _image_rule)
    return md


class Renderer:
    """Both engines, made once per process (see the module's docstring)."""

    def __init__(self) -> None:
        self.reference = reference_renderer()
        self.fast = markdown_it_pyrs.MarkdownIt("commonmark").enable_many(["table", "strikethrough"])

    def html(self, text: str) -> str:
        """The body's HTML before sanitising: the reference's, byte for byte. Raises
        nesting.TooDeep for a body nested deeper than the engines render safely."""
        nesting.check_blocks(text, self.reference.parse)
        if not (_needs_reference(text) or nesting.may_crash_fast_engine(text)):
            try:
                rendered = self.fast.render(text)
            except BaseException as exc:  # a Rust panic (see `_unclosed_code`) is not an Exception
                if type(exc).__name__ != "PanicException":
                    raise
            else:
                fast = _fast_html(rendered, text)
                if fast is not None:
                    return fast
        return self.reference.render(text)


def new_renderer() -> Renderer:
    return Renderer()


# Bodies the fast engine may render differently: decided on the text, before rendering.
# (Each test is gated by a cheap `in` so that a plain body costs a few microseconds.)
_REFERENCE_MARKS = ("[^", "^[", "~~~", "\x00", "\ufffd")
_RAW_TAG = re.compile(r"<(?:img|/?h[2-4]|!---?>)", re.IGNORECASE)
# A raw HTML line right after a line of text, in a body with a list: in a tight list
# item the reference writes no line break between the two, the fast engine does.
_HTML_AFTER_TEXT = re.compile(r"^[ \t>]*\S.*\n[ \t>]*<", re.MULTILINE)
_LIST_ITEM = re.compile(r"^[ \t>]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)", re.MULTILINE)
_UNSAFE_DESTINATION = re.compile(r"\]\(\s*<?(?:javascript|vbscript|file|data):", re.IGNORECASE)
# An autolink whose text the reference decodes (%-escapes, punycode).
_DECODED_AUTOLINK = re.compile(r"<[^<>\s]*(?:%|xn--)[^<>\s]*>", re.IGNORECASE)
# White space that Python's str.strip() trims and the fast engine keeps (it trims spaces
# and tabs only): it matters next to where the reference strips, a line's or a table
# cell's ends, after block markers (`>`, `-`, `1.`, `#`...).
_SPACES = "\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
_UNICODE_SPACE = re.compile(f"[{re.escape(_SPACES)}]")
_MARKERS_BEFORE = " \t>*+#0123456789.)-" + _SPACES
_MARKERS_AFTER = " \t#" + _SPACES
# An emphasis or strikethrough delimiter beside a non-ASCII character: CommonMark 0.31
# (the reference) counts symbols (£, €, °, emoji) as punctuation there, 0.30 did not.
_DELIMITER = re.compile(r"[*_~]")


def _needs_reference(text: str) -> bool:
    if text and not text.endswith(("\n", "\r")):
        return True
    if any(mark in text for mark in _REFERENCE_MARKS):
        return True
    if "<" in text and (_RAW_TAG.search(text) or _DECODED_AUTOLINK.search(text) or _html_blocks_differ(text)):
        return True
    if "<" in text and _HTML_AFTER_TEXT.search(text) and _LIST_ITEM.search(text):
        return True
    if "](" in text and _UNSAFE_DESTINATION.search(text):
        return True
    if not text.isascii() and (_stripped_space(text) or _symbol_beside_delimiter(text)):
        return True
    if "`" in text and "[" in text and _unclosed_code(text):
        return True
    if "-" in text and "|" in text and _unusual_table(text):
        return True
    if ("|" in text or ">" in text) and _ODD_ITEM.search(text):
        return True
    if "]:" in text and ("\\\n" in text or text.endswith("\\")):
        return True
    start = text.find("![")
    while start != -1:  # an image label that may hold raw HTML or a hard line break
        end = text.find("\n\n", start)
        rest = text[start : None if end == -1 else end]
        if "<" in rest or "  \n" in rest or "\\\n" in rest:
            return True
        if end == -1:  # the paragraph's later images see the same text, or less of it
            break
        start = text.find("![", end)
    return False


def _stripped_space(text: str) -> bool:
    for match in _UNICODE_SPACE.finditer(text):
        at = match.start()
        line_start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at), text.rfind("|", 0, at)) + 1
        if not text[line_start:at].strip(_MARKERS_BEFORE):
            return True
        ends = [end for end in (text.find("\n", at), text.find("\r", at), text.find("|", at)) if end != -1]
        if not text[at : min(ends) if ends else len(text)].strip(_MARKERS_AFTER):
            return True
    return False


def _symbol_beside_delimiter(text: str) -> bool:
    for match in _DELIMITER.finditer(text):
        at = match.start()
        for neighbour in text[at - 1 : at] + text[at + 1 : at + 2]:
            if not neighbour.isascii() and unicodedata.category(neighbour)[0] == "S":
                return True
    return False


_RAW_BLOCKS = (("<!--", "-->"), ("<?", "?>"), ("<![cdata[", "]]>"), ("<script", "</script>"), ("<pre", "</pre>"),
               ("<style", "</style>"), ("<textarea", "</textarea>"))
_RAW_OPENER = re.compile(r"<(?:!--|\?|!\[CDATA\[|script|pre|style|textarea)", re.IGNORECASE)


def _html_blocks_differ(text: str) -> bool:
    """A raw HTML block left open, or a comment that CommonMark 0.30 and 0.31 read apart.

    An open block runs to the end of its container, where the engines differ by a line
    break; 0.31 (the reference) allows `--` inside comments, 0.30 did not.
    """
    if not _RAW_OPENER.search(text):
        return False
    lower = text.lower()
    for opener, closer in _RAW_BLOCKS:
        if lower.rfind(opener) > lower.rfind(closer):
            return True
    start = text.find("<!--")
    while start != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            return True
        body = text[start + 4 : end]
        if body.startswith((">", "->")) or "--" in body or body.endswith("-"):
            return True
        start = text.find("<!--", end)
    return False


def _unclosed_code(text: str) -> bool:
    """A line with a backtick run that no later run of the same length closes.

    After a `[`, such a run makes markdown-it-pyrs 0.4 panic (index out of bounds), and
    Rust prints the panic to stderr: keep those bodies from it.
    """
    for line in text.splitlines():
        if "`" not in line:
            continue
        if "\\`" in line:
            return True
        runs = [(match.end(), len(match.group())) for match in _BACKTICKS.finditer(line)]
        index = 0
        while index < len(runs):
            length = runs[index][1]
            closing = next((i for i in range(index + 1, len(runs)) if runs[i][1] == length), None)
            if closing is None:
                return True
            index = closing + 1
    return False


_BACKTICKS = re.compile(r"`+")
_DELIMITER_ROW = re.compile(r"[ \t]*[|:\-][|:\- \t]*")
_BLOCK_PREFIX = re.compile(r"[ \t>]*")


def _unusual_table(text: str) -> bool:
    """A table, or what may be one, that the engines may not read alike.

    They agree on tables whose header row starts with `|`, after a blank line (or at the
    start), over a delimiter row that starts with `|`. The reference (markdown-it 14) and
    the fast engine (markdown-it 13) differ on headers without pipes, tables that
    interrupt a paragraph or a quote's lazy lines, and lines that may also start a
    raw HTML block or a heading.
    """
    lines = [_BLOCK_PREFIX.sub("", line, count=1) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    for number, line in enumerate(lines):
        if number == 0 or "-" not in line or not _DELIMITER_ROW.fullmatch(line):
            continue
        header = lines[number - 1]
        if "|" not in line and "|" not in header:
            continue  # a rule or a setext underline
        if not (line.startswith("|") and header.startswith("|")):
            return True
        if number >= 2 and lines[number - 2].strip(" \t"):
            return True
    return False


# The fast engine's own tags (raw ones were ruled out by `_needs_reference`).
_FAST_TAGS = re.compile(r'<h([2-4])>(.*?)</h\1>|<img src="([^"]*)" alt="([^"]*)"(?: title="[^"]*")? />', re.DOTALL)
# The tags the fast engine writes inside a heading; any other `<` there is raw inline HTML.
_INLINE_TAG = re.compile(
    r'</?(?:em|strong|code|s)>|<br />|</a>|<a href="[^"]*"(?: title="[^"]*")?>'
    r'|<img src="[^"]*" alt="[^"]*"(?: title="[^"]*")? />'
)
# A link or image address with a %-escape in its host, any in a mailto: address, or one
# at either end.
_RECODED_URL = re.compile(r' (?:href|src)="(?:[^"/?#]*//[^"/?#]*%|mailto:[^"]*%|%|[^"]*%[0-9A-Fa-f]{2}")', re.IGNORECASE)


# List items that end a table or a quote's lazy lines for the reference but not for the fast
# engine (which ends them only at items that may interrupt a paragraph: not empty, and
# numbered 1 if ordered).
_ODD_ITEM = re.compile(r"^[ \t>]*(?:(?:\d{1,9}[.)]|[-+*])[ \t]*$|(?!0*1[.)])\d{1,9}[.)][ \t])", re.MULTILINE)


def _might_have_table(text: str) -> bool:
    return any("-" in line and _DELIMITER_ROW.fullmatch(_BLOCK_PREFIX.sub("", line, count=1)) for line in text.splitlines())


def _fast_html(rendered: str, text: str) -> str | None:
    """The fast engine's HTML with the reference's heading ids and image rule; None to fall back."""
    if "<blockquote>\n</blockquote>" in rendered:  # an empty quote: the reference writes no line break
        return None
    if "<table>" in rendered and not _might_have_table(text):
        return None
    if _RECODED_URL.search(rendered):
        return None
    slugs: set[str] = set()
    parts: list[str] = []
    last = 0
    for match in _FAST_TAGS.finditer(rendered):
        parts.append(rendered[last : match.start()])
        last = match.end()
        level, inner, src, alt = match.groups()
        if level is not None:
            words = _INLINE_TAG.sub("", inner)
            if "<" in words:
                return None
            # The reference's title: its text and code, without line breaks.
            title = html.unescape(words.replace("\n", ""))
            slug = unique_slug(make_slug(title), slugs)
            parts.append(f'<h{level} id="{slug}">{_images(inner)}</h{level}>')
        else:
            parts.append(_image(match.group(0), html.unescape(src), html.unescape(alt)))
    if not parts:
        return rendered
    parts.append(rendered[last:])
    return "".join(parts)


def _images(inner: str) -> str:
    return _FAST_IMAGE.sub(lambda m: _image(m.group(0), html.unescape(m.group(1)), html.unescape(m.group(2))), inner)


_FAST_IMAGE = re.compile(r'<img src="([^"]*)" alt="([^"]*)"(?: title="[^"]*")? />')


def _image(tag: str, src: str, alt: str) -> str:
    if is_local(src):
        return tag
    return _remote_image(src, alt)


def _remote_image(src: str, alt: str) -> str:
    # A page of the archive never loads anything from outside it: link instead.
    label = f"Image (not archived): {alt}" if alt else "Image (not archived)"
    return f'<a class="remote-image" href="{escape(src)}">{escape(label)}</a>'


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        allowed_classes=CLASSES,
        attribute_filter=_attribute_filter,
        link_rel="noopener noreferrer",
    )


def render(md: Renderer, text: str) -> Markup:
    """Markdown to sanitised HTML, marked safe for templates; nesting.TooDeep for a body
    nested too deep (the sanitiser's time grows with the square of the depth)."""
    body = md.html(text)
    nesting.check_html(body, text)
    return Markup(sanitise(body))
