"""The ZIM's metadata, as Kiwix reads it (https://wiki.openzim.org/wiki/Metadata), from
archive.yaml with defaults.

Kiwix's limits are in graphemes (what a reader sees as one character: `é` written as `e` and
an accent is one): Title at most 30, Description at most 80. A longer title or description is
cut at a word, with `…`; the whole description is kept as the LongDescription.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex

from generator import __version__
from generator.archive import config as config_mod
from generator.archive import yamltree
from generator.archive.model import Problem, ProblemsFound
from generator.archive.slugs import make_slug
from generator.export import illustration

TITLE_LIMIT, DESCRIPTION_LIMIT, LONG_DESCRIPTION_LIMIT = 30, 80, 4000
SCRAPER = f"article-archive {__version__}"  # also how an export recognises a ZIM it made
DEFAULT_TAGS = "news"
_GRAPHEME = regex.compile(r"\X")

# ISO 639-1 -> ISO 639-3, every two-letter code there is (from the ISO 639-3 tables), and the
# withdrawn in, iw, ji that old pages still use.
_ISO639 = dict(pair.split(":") for pair in (
    "aa:aar ab:abk ae:ave af:afr ak:aka am:amh an:arg ar:ara as:asm av:ava ay:aym az:aze ba:bak be:bel "
    "bg:bul bi:bis bm:bam bn:ben bo:bod br:bre bs:bos ca:cat ce:che ch:cha co:cos cr:cre cs:ces cu:chu "
    "cv:chv cy:cym da:dan de:deu dv:div dz:dzo ee:ewe el:ell en:eng eo:epo es:spa et:est eu:eus fa:fas "
    "ff:ful fi:fin fj:fij fo:fao fr:fra fy:fry ga:gle gd:gla gl:glg gn:grn gu:guj gv:glv ha:hau he:heb "
    "hi:hin ho:hmo hr:hrv ht:hat hu:hun hy:hye hz:her ia:ina id:ind ie:ile ig:ibo ii:iii ik:ipk io:ido "
    "is:isl it:ita iu:iku ja:jpn jv:jav ka:kat kg:kon ki:kik kj:kua kk:kaz kl:kal km:khm kn:kan ko:kor "
    "kr:kau ks:kas ku:kur kv:kom kw:cor ky:kir la:lat lb:ltz lg:lug li:lim ln:lin lo:lao lt:lit lu:lub "
    "lv:lav mg:mlg mh:mah mi:mri mk:mkd ml:mal mn:mon mr:mar ms:msa mt:mlt my:mya na:nau nb:nob nd:nde "
    "ne:nep ng:ndo nl:nld nn:nno no:nor nr:nbl nv:nav ny:nya oc:oci oj:oji om:orm or:ori os:oss pa:pan "
    "pi:pli pl:pol ps:pus pt:por qu:que rm:roh rn:run ro:ron ru:rus rw:kin sa:san sc:srd sd:snd se:sme "
    "sg:sag sh:hbs si:sin sk:slk sl:slv sm:smo sn:sna so:som sq:sqi sr:srp ss:ssw st:sot su:sun sv:swe "
    "sw:swa ta:tam te:tel tg:tgk th:tha ti:tir tk:tuk tl:tgl tn:tsn to:ton tr:tur ts:tso tt:tat tw:twi "
    "ty:tah ug:uig uk:ukr ur:urd uz:uzb ve:ven vi:vie vo:vol wa:wln wo:wol xh:xho yi:yid yo:yor za:zha "
    "zh:zho zu:zul in:ind iw:heb ji:yid"
).split())


@dataclass(frozen=True)
class Metadata:
    texts: dict[str, str]  # name -> value, in the order they are written
    illustration: bytes  # the 48×48 PNG
    language: str  # ISO 639-3, for the full-text index's stemming


def metadata(config: config_mod.Config, root: Path, display_root: str, fulltext: bool = True) -> Metadata:
    """Raises ProblemsFound when a setting cannot make valid metadata (naming archive.yaml's line)."""
    problems: list[Problem] = []
    name = config_mod.CONFIG_FILE
    shown = f"{display_root.rstrip('/')}/{name}" if display_root not in ("", ".") else name
    lines = _key_lines(root / config_mod.CONFIG_FILE)
    language = iso639_3(config.language)
    if language is None:
        problems.append(Problem(shown, lines.get("language"), f"'language': '{config.language}' has no ISO 639-3 "
                                "code, which a ZIM needs; use a language's two- or three-letter code"))
    picture = illustration.drawn(config.title)
    if config.zim_illustration:
        picture = _configured(root / config.zim_illustration, config.zim_illustration, problems,
                              Problem(shown, lines.get("zim_illustration"), ""))
    if problems:
        raise ProblemsFound(problems)
    title = one_line(config.title) or "Archive"
    whole = one_line(config.description) or f"{title}: an archive of news articles"
    description = shortened(whole, DESCRIPTION_LIMIT)
    texts = {
        "Name": one_line(config.zim_name) or _name(title, config.language),
        "Title": shortened(title, TITLE_LIMIT),
        "Description": description,
    }
    if description != whole:
        texts["LongDescription"] = shortened(whole, LONG_DESCRIPTION_LIMIT)
    texts.update({
        "Language": language,
        "Creator": one_line(config.creator) or title,
        "Publisher": one_line(config.publisher) or one_line(config.creator) or title,
        "Date": config.as_of.isoformat(),
        "Tags": _tags(one_line(config.zim_tags) or DEFAULT_TAGS, fulltext),
        "Scraper": SCRAPER,
    })
    if config.rights.strip():
        texts["License"] = one_line(config.rights)
    if config.base_url:
        texts["Source"] = config.base_url
    return Metadata(texts, picture, language or "")


def _name(title: str, language: str) -> str:
    """Kiwix's convention: project_language_selection, e.g. `article-archive_en_all`."""
    return f"{make_slug(title) or 'archive'}_{language.split('-')[0].lower()}_all"


def iso639_3(tag: str) -> str | None:
    """The ISO 639-3 code of a language tag (`pt-BR` -> `por`), or None."""
    primary = tag.split("-")[0].lower()
    return primary if len(primary) == 3 else _ISO639.get(primary)


def shortened(text: str, limit: int) -> str:
    """`text` if it has at most `limit` graphemes, else its longest start of whole words that fits with `…`."""
    graphemes = _GRAPHEME.findall(text)
    if len(graphemes) <= limit:
        return text
    head = "".join(graphemes[:limit - 1])
    if not (head[-1:].isspace() or graphemes[limit - 1].isspace()) and " " in head.strip():
        head = head[:head.rstrip().rindex(" ")]  # the limit falls inside a word: drop it
    return head.rstrip().rstrip(",;:-–—").rstrip() + "…"


def _tags(tags: str, fulltext: bool) -> str:
    """Kiwix's readers look for `_ftindex:yes` before they offer a full-text search."""
    if any(tag.strip().startswith("_ftindex:") for tag in tags.split(";")):
        return tags
    return f"{tags};_ftindex:{'yes' if fulltext else 'no'}"


def one_line(text: str) -> str:
    return " ".join(text.split())


def _configured(path: Path, name: str, problems: list[Problem], where: Problem) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(where.path, where.line,
                                f"'zim_illustration': cannot read {name}: {exc.strerror or exc}"))
        return b""
    size = illustration.png_size(data)
    if size != (illustration.SIZE, illustration.SIZE):
        found = "is not a PNG" if size is None else f"is {size[0]}×{size[1]} pixels"
        problems.append(Problem(where.path, where.line, f"'zim_illustration': {name} {found}; "
                                f"Kiwix needs a PNG of {illustration.SIZE}×{illustration.SIZE} pixels"))
    return data


def _key_lines(path: Path) -> dict[str, int]:
    """The line of each key in archive.yaml (which config.load has already read without error)."""
    try:
        tree = yamltree.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yamltree.YamlError):
        return {}
    return {key: line for key, (line, _) in tree.items.items()} if isinstance(tree, yamltree.Map) else {}
