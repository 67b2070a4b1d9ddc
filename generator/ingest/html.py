"""Saved HTML pages -> Imported: trafilatura for the main text, htmldate for dates, page metadata for the rest."""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import htmldate
import lxml.html
import trafilatura
from trafilatura.metadata import extract_metadata

from generator import dates
from generator.ingest import furniture, textdates
from generator.ingest.record import Imported, ImportFailed, LocalImage
from generator.model import Image, PartialDate, Source

_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|icid|ito|_ga|ref|ref_src|smid|sr_share)$", re.I)
_LINK = re.compile(r"(!?)\[((?:[^\[\]\\]|\\.)*)\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\)")
_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ")
MIN_WORDS = 20
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg")


def read(text: str, path: Path | None = None, url: str | None = None) -> Imported:
    """`url`: where the page was fetched from, when known (a WARC's target URI)."""
    try:
        tree = lxml.html.fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ImportFailed(f"is not readable HTML ({exc})") from None
    # Metadata first, from the page as it is (less embedded posts of others); then the furniture goes
    # and the main text is extracted.
    for element in tree.xpath(_EMBEDS):
        element.drop_tree()
    meta = extract_metadata(tree, default_url=url, extensive=False)
    ld = _json_ld(tree)
    page_url = _clean_url(ld.get("url") or meta.url or url)
    title = _title(ld, meta, tree)
    published, updated = _dates(tree, ld, title)
    image, local = _image(meta, tree, path, page_url)
    lang = _lang(tree)
    _prepare(tree)
    body = trafilatura.extract(
        tree, url=page_url, output_format="markdown", include_links=True, include_formatting=True,
        include_tables=True, include_comments=False, include_images=False, with_metadata=False,
        deduplicate=False,
    )
    body = _clean_body(body or "", title, page_url)
    if len(body.split()) < MIN_WORDS and isinstance(ld.get("articleBody"), str):
        # A page that draws its text with scripts may still state it in its JSON-LD.
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", ld["articleBody"]) if p.strip()]
        body = _clean_body("\n\n".join(_escape_markdown(p) for p in paragraphs), title, page_url)
    if len(body.split()) < MIN_WORDS and len(body) < 60:
        raise ImportFailed("holds no article: no main text found in the page")
    if not title:
        heading = re.search(r"^#{1,6}\s+(.+)$", body, re.M)
        if heading is None:
            raise ImportFailed("has no title (no <title>, og:title, headline or heading)")
        title = heading.group(1).strip()
    sitename = _text(meta.sitename)
    sources = (Source(name=sitename, url=page_url),) if (sitename or page_url) else ()
    return Imported(
        kind="html", title=title, body=body, published=published, updated=updated,
        authors=_authors(ld, meta), summary=_text(meta.description), lang=lang,
        sources=sources, image=image, local_image=local,
    )


_EMBEDS = (
    '//blockquote[contains(@class, "tweet") or contains(@class, "instagram") or contains(@class, "tiktok") '
    'or contains(@class, "embed")] | //*[contains(@class, "social-embed") or contains(@class, "embed-social")]'
)


# Class or id names of the parts of an article page that are about the article, not of it.
_FURNITURE = re.compile(
    r"^(?:comments?|comment-?(?:list|area|section|s-?wrapper|s-?container)|discussion|disqus\w*|respond|replies|"
    r"(?:[\w-]*[_-])?(?:byline|bylines|author|authors|autore|firma|dateline|"
    r"timestamp)(?:[_-]+\w+)?)$", re.I)
# ... and of the standfirst above it (only before the first real paragraph: later it is a subheading).
_STANDFIRST = re.compile(
    r"^(?:[\w-]*[_-])?(?:standfirst|dek|sub-?title|sub-?headline|summary|sommario|"
    r"entradilla|chapo|chapeau|kicker|eyebrow)(?:[_-]+\w+)?$", re.I)


def _names(element) -> list[str]:
    return (element.get("class") or "").split() + (element.get("id") or "").split()


def _small(element) -> bool:
    return len(element.xpath(".//p")) <= 2 and len(element.text_content()) < 600


def _drop_furniture(tree) -> None:
    before_text = True
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element.tag in ("html", "body") or element.getparent() is None:
            continue
        if element.tag == "p" and len(element.text_content().split()) >= 20:
            before_text = False
        names = _names(element)
        if any(re.match(r"(?i)^(?:comments?|discussion|disqus)", n) for n in names) or (
                any(_FURNITURE.match(n) for n in names) and _small(element)) or (
                before_text and any(_STANDFIRST.match(n) for n in names) and _small(element)):
            element.drop_tree()


def _prepare(tree) -> None:
    """Undo page furniture that hides the text: layout tables become blocks, `<br><br>` a paragraph
    break; comment threads, standfirsts and by-line boxes go."""
    _drop_furniture(tree)
    for table in tree.xpath("//table"):
        cells = table.xpath(".//td | .//th")
        if table.xpath(".//table") or any(len(cell.text_content().split()) > 60 or len(cell.text_content()) > 300
                                            for cell in cells):
            for element in [table, *table.xpath(".//tr | .//td | .//th | .//tbody | .//thead | .//tfoot")]:
                element.tag = "div"
                element.attrib.clear()
    parents = {br.getparent() for br in tree.xpath("//br[following-sibling::*[1][self::br]]")}
    for parent in sorted(parents, key=lambda e: -len(list(e.iterancestors()))):
        if parent is not None:
            _split_at_double_breaks(parent)


def _split_at_double_breaks(parent) -> None:
    """`text<br><br>text` inside one element: one paragraph per run of text."""
    children = list(parent)
    paragraph = lxml.html.Element("p")
    paragraph.text, parent.text = parent.text, None
    paragraphs = [paragraph]
    index = 0
    while index < len(children):
        child = children[index]
        if (child.tag == "br" and index + 1 < len(children) and children[index + 1].tag == "br"
                and not (child.tail or "").strip()):
            index += 1
            while index + 1 < len(children) and children[index + 1].tag == "br" and not (children[index].tail or "").strip():
                index += 1
            paragraph = lxml.html.Element("p")
            paragraph.text = children[index].tail
            paragraphs.append(paragraph)
            index += 1
            continue
        paragraph.append(child)
        index += 1
    for leftover in list(parent):
        parent.remove(leftover)
    if parent.tag in ("font", "span", "b", "i", "em", "strong", "small", "big", "center", "a", "td", "th"):
        parent.tag = "div"
    for paragraph in paragraphs:
        if paragraph.xpath(".//div | .//p | .//table | .//ul | .//ol | .//h1 | .//h2 | .//h3 | .//blockquote"):
            paragraph.tag = "div"
    parent.extend(p for p in paragraphs if len(p) or (p.text or "").strip())


def _text(value) -> str | None:
    if value is None:
        return None
    value = re.sub(r"\s+", " ", str(value)).strip()
    return value or None


def _json_ld(tree) -> dict:
    """The first NewsArticle-like JSON-LD object, if the page has one."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kind = item.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                if any(isinstance(k, str) and ("Article" in k or k in ("BlogPosting", "Report")) for k in kinds):
                    return item
                stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
    return {}


def _title(ld: dict, meta, tree) -> str | None:
    """JSON-LD headline, else og:title, else <title>, each without the site's name; else the first <h1>."""
    sitename = _text(meta.sitename)
    h1 = _text(_first(tree, "//h1")) or _text(_first(
        tree, '(//h2 | //h3)[contains(@class, "headline") or contains(@class, "title")]'))
    for candidate in (ld.get("headline"), _og(tree, "og:title")):
        title = _text(html_lib.unescape(candidate)) if isinstance(candidate, str) else None
        if not title:
            continue
        title = _strip_site(title, sitename, tree)
        if h1 and h1 != title and len(h1) >= 10:
            rest = title[len(h1):] if title.startswith(h1) else None
            if rest is not None and any(rest.startswith(sep) for sep in _SEPARATORS):
                return h1  # "Headline - Site", the site unnamed in the metadata
            if len(title) < len(h1) and title.endswith(("…", "...")) and h1.startswith(title.rstrip(".… ")):
                return h1  # a shortened headline
        return title
    element = _text(_first(tree, "//title"))
    if element:
        title = _strip_site(element, sitename, tree)
        if title != element:
            return title
        repeated = [h for h in (_text(e.text_content()) for e in tree.xpath("//h1 | //h2 | //h3"))
                    if h and len(h) >= 10 and h in element]
        if repeated:
            return max(repeated, key=len)  # the headline is the heading the <title> repeats
        parts = [p.strip() for p in re.split("|".join(map(re.escape, _SEPARATORS)), title) if p.strip()]
        if h1 and h1 in parts:
            return h1
        if len(parts) > 1 and not h1:
            # "Site - Headline" with no metadata naming the site: the headline is the longest part.
            return max(parts, key=len)
        return title
    return h1 or _text(meta.title)


def _og(tree, name: str) -> str | None:
    found = tree.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content')
    return found[0] if found else None


def _first(tree, xpath: str) -> str | None:
    found = tree.xpath(xpath)
    return found[0].text_content() if found else None


def _strip_site(title: str, sitename: str | None, tree) -> str:
    names = {n.lower() for n in (sitename, _og(tree, "og:site_name"), _og(tree, "application-name")) if n}
    for sep in _SEPARATORS:
        if sep in title:
            head, _, tail = title.rpartition(sep)
            if tail.strip().lower() in names:
                return head.strip()
            first, _, rest = title.partition(sep)
            if first.strip().lower() in names:
                return rest.strip()
    return title


def _clean_url(url: str | None) -> str | None:
    if not url or not re.match(r"^https?://\S+$", url):
        return None
    parts = urlsplit(url)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def _clean_body(body: str, title: str | None, page_url: str | None) -> str:
    body = body.replace("\r", "").strip()

    def link(match: re.Match) -> str:
        bang, label, target = match.groups()
        if bang:
            return ""
        target = target.strip().removeprefix("<").removesuffix(">").strip()
        scheme = re.match(r"^([a-z][a-z0-9+.-]*):", target, re.I)
        if scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
            return label
        absolute = urljoin(page_url, target) if page_url else target
        cleaned = _clean_url(absolute) if absolute.startswith(("http://", "https://")) else None
        if cleaned is None and absolute.startswith("mailto:"):
            cleaned = absolute
        return f"[{label}]({cleaned})" if cleaned else label

    body = _LINK.sub(link, body)
    # A paragraph that is only a short bold phrase, between paragraphs, is a subheading.
    body = re.sub(r"(?m)(?<=\n\n)\*\*([^*\n]{1,100}?)\*\*(?=\n\n)",
                  lambda m: f"## {m.group(1)}" if m.group(1)[-1] not in ".:,;" and len(m.group(1).split()) <= 12 else m.group(0),
                  body)
    # Nothing may be read as raw HTML: `<tag` becomes literal text.
    body = re.sub(r"(?<!\\)<(?=[A-Za-z/!?])", r"\\<", body)
    body = re.sub(r"\n{3,}", "\n\n", body)
    blocks = _drop_cruft(body).split("\n\n")
    # The kicker, headline, by-line and date lines the extractor kept at the top.
    heading = next((i for i, b in enumerate(blocks[:4]) if _plain(b) == title), None)
    if heading is not None and all(len(_plain(b).split()) <= 6 for b in blocks[:heading]):
        blocks = blocks[heading + 1:]
    while blocks and furniture.is_header_line(_plain(blocks[0])):
        blocks.pop(0)
    return "\n\n".join(blocks).strip() + "\n"


def _escape_markdown(text: str) -> str:
    text = html_lib.unescape(text)
    text = re.sub(r"([\\`*_\[\]])", r"\\\1", text)
    return re.sub(r"^(#{1,6}\s|>|[-+]\s|\d+[.)]\s)", r"\\\1", text)


def _plain(block: str) -> str:
    block = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", block)
    block = re.sub(r"^(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)", "", block.strip())
    return re.sub(r"[*_`]", "", block).strip()


def _drop_cruft(body: str) -> str:
    """Page furniture the extractor kept: read-more links, ad markers, share prompts, headline lists."""
    kept, in_list = [], False
    for block in body.split("\n\n"):
        plain = _plain(block)
        if not plain:
            continue
        if furniture.is_cruft(plain) or (len(plain.split()) <= 40 and furniture.RIGHTS.search(plain)):
            in_list = bool(furniture.SECTION_CRUFT.match(plain))
            continue
        if in_list:
            is_list = all(re.match(r"^\s*(?:[-*+]|\d+[.)])\s", line) for line in block.split("\n") if line.strip())
            if is_list or plain[-1] not in furniture.TERMINAL:
                continue
            in_list = False
        kept.append(block)
    return "\n\n".join(kept)


def _dates(tree, ld: dict, title: str | None) -> tuple[PartialDate | None, PartialDate | None]:
    published = _ld_date(ld.get("datePublished"))
    updated = _ld_date(ld.get("dateModified"))
    if published is None:
        published = _meta_date(tree)
    if published is None:
        published = _date_near_title(tree, title)
    if published is None:
        found = htmldate.find_date(tree, extensive_search=False, original_date=True)
        published = _ld_date(found)
    if updated is None:
        found = htmldate.find_date(tree, extensive_search=False, original_date=False)
        updated = _ld_date(found)
    if published is None:
        published = _date_element(tree)
    if updated is not None and published is not None and updated.sort_key() <= published.sort_key():
        updated = None
    return published, updated


_META_DATES = (
    "article:published_time", "og:published_time", "datePublished", "date", "pubdate", "publishdate",
    "publish-date", "publication_date", "sailthru.date", "dc.date.issued", "dcterms.created", "dc.date",
)


def _meta_date(tree) -> PartialDate | None:
    """A publication date the page states in a <meta> tag (property, name or itemprop)."""
    found = {}
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        found.setdefault(key, meta.get("content"))
    for key in _META_DATES:
        value = found.get(key.lower())
        date = _ld_date(value) or _ld_date(_compact_date(value))
        if date is not None:
            return date
    return None


def _compact_date(value: str | None) -> str | None:
    match = re.match(r"^\s*(\d{4})(\d{2})(\d{2})\b", value or "")
    return f"{match[1]}-{match[2]}-{match[3]}" if match else None


def _date_near_title(tree, title: str | None) -> PartialDate | None:
    """A date line (`Posted: 04/06/2021`, `Published June 3, 2020`) among the few lines around the headline."""
    if not title:
        return None
    texts = [t.strip() for t in tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]") if t.strip()]
    at = next((i for i, t in enumerate(texts) if t == title or (len(t) > 20 and t in title)), None)
    if at is None:
        return None
    for line in texts[max(0, at - 5): at + 15]:
        found = furniture.date_line(line, _day_first(tree)) if len(line) <= 120 else None
        if found is not None and not found[0]:
            return found[1]
    return None


_DATE_XPATH = (
    '//time | //*[contains(@class, "date") or contains(@class, "time") or contains(@class, "publish") '
    'or contains(@class, "posted") or contains(@class, "meta") or contains(@id, "date") or contains(@itemprop, "date")]'
)


def _date_element(tree) -> PartialDate | None:
    """A date written in an element the page marks as a date (htmldate's fast search missed it)."""
    for element in tree.xpath(_DATE_XPATH)[:20]:
        for value in (element.get("datetime"), element.get("content")):
            if value and _ld_date(value):
                return _ld_date(value)
        content = element.text_content()
        if content and len(content) <= 200:
            found = textdates.find(content, _day_first(tree))
            if found:
                return found[0]
    return None


def _ld_date(value) -> PartialDate | None:
    if not isinstance(value, str):
        return None
    match = re.match(r"^\s*(\d{4}-\d{2}-\d{2})", value)
    if not match:
        return None
    try:
        return dates.parse(match.group(1))
    except ValueError:
        return None


def _authors(ld: dict, meta) -> tuple[str, ...]:
    names: list[str] = []
    author = ld.get("author")
    for item in author if isinstance(author, list) else [author]:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and _text(name):
            names.append(_text(name))
    if not names and meta.author:
        names = [n.strip() for n in re.split(r";", meta.author) if n.strip()]
    return tuple(dict.fromkeys(n for n in names if len(n) <= 80))


def _day_first(tree) -> bool:
    """`04/06/2021` is 6 April everywhere but in US English."""
    lang = (_lang(tree) or "en").lower()
    return not (lang == "en" or lang.startswith("en-us"))


def _lang(tree) -> str | None:
    value = (tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip()
    value = value.replace("_", "-")
    return value if value and _LANG.match(value) else None


def _image(meta, tree, path: Path | None, page_url: str | None) -> tuple[Image | None, LocalImage | None]:
    """The lead image: a file the saved page holds (its `_files/` folder) is copied; a remote one is a URL."""
    candidates = [meta.image] if meta.image else []
    candidates += tree.xpath("(//article//img | //main//img | //figure//img)/@src")[:3]
    alt = _text(_first_attr(tree, "(//article//img | //main//img | //figure//img)/@alt"))
    for src in candidates:
        if not src or src.startswith("data:"):
            continue
        if path is not None and not re.match(r"^[a-z][a-z0-9+.-]*:|^//", src, re.I):
            local = (path.parent / src.split("?")[0].split("#")[0]).resolve()
            if local.is_file() and local.suffix.lower() in IMAGE_SUFFIXES and \
                    local.is_relative_to(path.parent.resolve()):
                return Image(alt=alt), LocalImage(_safe_name(local.name), local.read_bytes())
            continue
        absolute = urljoin(page_url, src) if page_url else src
        if re.match(r"^https?://\S+$", absolute):
            if path is not None:  # a saved page may hold the remote image under its own name
                for folder in path.parent.glob("*_files"):
                    name = Path(urlsplit(absolute).path).name
                    if name and (folder / name).is_file() and Path(name).suffix.lower() in IMAGE_SUFFIXES:
                        return Image(alt=alt), LocalImage(_safe_name(name), (folder / name).read_bytes())
            return Image(src=_clean_url(absolute), alt=alt), None
    return None, None


def _first_attr(tree, xpath: str) -> str | None:
    found = tree.xpath(xpath)
    return str(found[0]) if found else None


def _safe_name(name: str) -> str:
    stem, dot, suffix = name.rpartition(".")
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-") or "image"
    return f"{stem[:60]}.{suffix.lower()}" if dot else stem[:60]
