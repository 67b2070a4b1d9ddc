"""Which line of a copied page is its headline, by learned trees over what the rules see of each line.

pagestart.find_start's rules choose one line; on a whole-page copy (menus, breadcrumbs, teasers of other
stories above the article) they miss often enough that a line scorer does better: every line from the
page's top to just under where the article's text starts is a candidate, described by the numbers of
NAMES (its length, its shape, its place, the lines around it, whether the text speaks of it, what the
rules scored and chose), and the candidate the trees score highest is the headline, unless the rules are
sure (or the page's path ends with a line printed again under it, or a headline over its by-line stands above
the choice: settled). The trees are plain numbers in headline_weights.py, written by eval/train_headline.py from
pages whose licence allows it (the Readability and trafilatura dev parts); scoring needs no library.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from generator.ingest import headline_weights
from generator.ingest.datelines import only_a_date
from generator.ingest.endings import TAG_LABELS
from generator.ingest.furniture import RELATED_LABELS, ends_sentence, is_cruft, words
from generator.ingest.pagestart import (
    BY_LINE,
    CRUMBS,
    about_it,
    after_post_links,
    body_start,
    content_words,
    dated,
    find_start,
    first_is_headline,
    headline_shaped,
    headline_within,
    in_menu,
    overlap,
    prose,
    rule_scores,
    title_like,
)

ABOVE = 40  # lines above the text's first paragraph that may be its headline
BELOW = 3  # ... and lines from that paragraph on (a page whose first "paragraph" is the standfirst)
MAX_WORDS = 40  # a longer line is no headline
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_CAPITAL = re.compile(r"\b[A-ZÀ-Ý]")
_WORD = re.compile(r"\b\w")
# Lines no headline is: a photo's credit ("... © AFP / Jeff Pachoud", "Abb.: Collage ..."), a list of tags
# ("Tópicos: País | Presidente Boric"), an advertisement's label ("Continua depois da publicidade"), an item
# of a list ("- KDE Software Compilation 4.9"), a link to the post before or after ("← Older post", "Newer post →"),
# a link to more or a button's label ("Ver más de la Región de Magallanes", "Read more", "Close this search box."),
# a link to another story under its label ("Lire aussi : ...")
# A link or a button is short, or its label is set off ("Read More: <another story>", "See All Jobs » Post a job");
# a longer line that starts with its words may be a headline ("See all the ways the new timetable changes ...")
_LINK_SIZED = r"(?:\S+\s+){0,7}\S+\s*$|.*[:»›|\[]|.*\.\s*$"
NOT_HEADLINE = re.compile(
    r"©|(?i:\babb\.\s*:)|^(?i:" + TAG_LABELS + r")\s*:"
    r"|^(?i:continua|continúa|continue|story continues|article continues)\b.{0,30}"
    r"\b(?i:publicidad|publicidade|advertisement|publicité)\b|^[-–•·*]\s|^[←⇐◄]\s|\s[→⇒►]$"
    r"|^(?i:leia também|lea también|lire aussi)\b"
    r"|^(?=" + _LINK_SIZED + r")(?i:ver más|ver mais|see more|see all|read more|more from|leia mais|lire plus"
    r"|voir plus|weiterlesen|mehr zum thema|close this)\b")
# A link that skips to the page's content ("Skip to main content", "Zum Inhalt springen", "Aller au contenu"): the
# first line of many whole-page copies, never the headline
SKIP_LINK = re.compile(r"(?i)^(?:skip|jump)\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation|search|footer)\b"
                       r"|^(?:zum|direkt\s+zum)\s+inhalt\b|^aller\s+au\s+contenu\b|^(?:saltar|ir)\s+al\s+contenido\b"
                       r"|^pular\s+para\s+o\s+conteúdo\b|^vai\s+al\s+contenuto\b")
# The label of a list of other stories or of the article's sections: the headline-shaped lines under it are its
# items, not the headline ("Relacionadas" / "Polícia faz operação ...", "Inhalt" / "Wie viel Alkohol ist auf dem Boot
# erlaubt?"): furniture's labels of related stories and a table of contents'. Not "Recent posts", "Top stories" or
# "Latest news" (SECTION_CRUFT's other headings): a list under one often starts with the post itself.
LIST_LABEL = re.compile(r"(?ix)^(?:" + RELATED_LABELS + r" | contents | table\s+of\s+contents | inhalt | inhaltsverzeichnis"
                        r" | sommaire | índice)\s*:?$")
LIST_ITEMS = 8  # items of such a list that are passed over
# How a breadcrumb's path ends before the page's own headline: a mark, or its last link glued to it
_PATH_END = re.compile(r"[>»›/|→]\s*$")
_GLUED = re.compile(r"[a-zà-ÿ]$")
BY_LINE_WORDS = 15
FAR = 10  # lines under the chosen one from where the headline over its by-line is taken instead (under_choice)
LIFT = 16  # lines above the chosen one where the headline over its by-line may stand
STANDFIRST_WORDS = 10  # a standfirst under the headline has this many words or more (over_standfirst)
SENTENCE_CAPITALS = 0.4  # ... and at most this share of its words of four letters or more capitalised
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
# Nor is a line of more words than this that shares no word with the page's prose (a profile's tagline, a
# site's motto: a headline that long speaks of its text)
UNRELATED_WORDS = 12

NAMES = (
    "rule", "rule_above", "rule_below", "shaped", "title_like", "words", "few_words", "many_words", "log_chars",
    "distance", "above_text", "in_text", "first", "first_headline", "dated", "about", "overlap", "best_overlap",
    "crumbed", "crumbs", "in_menu", "ends_sentence", "ends_colon", "lower_first", "upper", "capitals", "repeats",
    "inside_other", "prev_short", "next_short", "next_prose", "cruft", "digits", "cjk", "nearest_shaped",
    "deck_below", "later_overlap", "overlap_rank", "shaped_rank", "menu_above", "dated_below", "dated_above",
    "truncated_copy", "longer_than_prev", "longer_than_next", "rule_score", "page_overlap",
)


def candidates(blocks: list[str], body: int | None) -> list[int]:
    """The indexes of the lines that may be the headline, around the first paragraph `body`."""
    if body is None:
        return [0]
    span = range(max(0, body - ABOVE), min(len(blocks), body + BELOW))
    return sorted({0} | {i for i in span if words(blocks[i]) <= MAX_WORDS})


def features(blocks: list[str], rule: int, body: int | None,
             first_headline: bool) -> tuple[list[int], list[list[float]]]:
    """(candidate indexes, one row of NAMES per candidate); `rule`: the rules' choice, `body`: the first
    paragraph, `first_headline`: the rules' guess that the scrape starts with its headline."""
    indexes = candidates(blocks, body)
    words_in = lru_cache(maxsize=None)(words)  # each line's count is asked for by several features
    text_words = content_words(" ".join(blocks[body: body + 6])) if body is not None else set()
    later_words = content_words(" ".join(blocks[body + 3: body + 40])) if body is not None else set()
    ruled = rule_scores(blocks, body, first_headline, text_words) if body is not None else {}
    top_rule = max(ruled.values(), default=0.0)
    page_words = content_words(" ".join(b for b in blocks if prose(b)))
    top = body if body is not None else len(blocks)
    overlaps = {i: overlap(blocks[i], text_words if i < top else content_words(" ".join(
        b for k, b in enumerate(blocks[top: top + 6], top) if k != i))) for i in indexes}  # not the line itself
    best = max(overlaps.values(), default=0.0)
    above = [i for i in indexes if i < top]
    overlap_rank = {i: r for r, i in enumerate(sorted(above, key=lambda i: (-overlaps[i], -i)))}
    counts: dict[str, int] = {}
    for block in blocks:
        counts[block] = counts.get(block, 0) + 1
    shaped = {i: headline_shaped(blocks[i]) for i in indexes}
    nearest = max((i for i in indexes if shaped[i] and i < top), default=None)
    shaped_rank = {i: r for r, i in enumerate(sorted((i for i in above if shaped[i]), reverse=True))}
    truncated = [b.rstrip(".…").rstrip() for b in blocks[:top] if b.endswith(("...", "…")) and len(b) >= 15]
    rows = []
    for i in indexes:
        block = blocks[i]
        n = words_in(block)
        prev = blocks[i - 1] if i else ""
        nxt = blocks[i + 1] if i + 1 < len(blocks) else ""
        tokens = _WORD.findall(block)
        rows.append([
            i == rule, i == rule - 1, i == rule + 1, shaped[i], title_like(block), min(n, 30) / 10, n <= 3,
            n >= 15, math.log(1 + len(block)), min(abs(top - i), 40) / 10, i < top, i >= top, i == 0,
            i == 0 and first_headline, dated(blocks, i), about_it(block), overlaps[i],
            overlaps[i] == best and best > 0, bool(i and CRUMBS.search(prev)), bool(CRUMBS.search(block)),
            in_menu(blocks, i), block[-1] in ".!?。！？", block[-1] in ":,;", block[0].islower(), block.isupper(),
            len(_CAPITAL.findall(block)) / max(len(tokens), 1), counts[block] > 1,
            _inside_other(block, blocks), bool(prev) and words_in(prev) <= 3, bool(nxt) and words_in(nxt) <= 3,
            bool(nxt) and prose(nxt), is_cruft(block), sum(c.isdigit() for c in block) / len(block),
            bool(_CJK.search(block)), i == nearest,
            bool(nxt) and shaped.get(i + 1, False) and words_in(nxt) > n and not ends_sentence(nxt),
            overlap(block, later_words), min(overlap_rank.get(i, 10), 10) / 10, min(shaped_rank.get(i, 10), 10) / 10,
            sum(words_in(b) <= 3 for b in blocks[max(0, i - 5): i]) / 5,
            any(about_it(b) for b in blocks[i + 1: i + 4] if words_in(b) <= 20), bool(prev) and words_in(prev) <= 20
            and about_it(prev), any(block.startswith(t) for t in truncated if len(t) < len(block)),
            n > words_in(prev), n > words_in(nxt), max(ruled[i] - top_rule, -10) if i in ruled else -10.0,
            overlap(block, page_words),
        ])
    return indexes, [[float(x) for x in row] for row in rows]


def _inside_other(block: str, blocks: list[str]) -> bool:
    """The line stands inside a longer line of the page ("Home > News > <headline>", "<headline> | Site")."""
    return len(block) >= 12 and any(len(other) > len(block) and block in other for other in blocks[:200])


def tree_score(tree, row: list[float]) -> float:
    """A tree's value for a row: from the root, left while the row's feature is <= the node's threshold."""
    feature, value, left, right = tree[0]
    while feature >= 0:
        feature, value, left, right = tree[left if row[feature] <= value else right]
    return value


def compiled(trees: list[list[list[float]]]) -> list[tuple]:
    """Trees as tuples of (feature, threshold or value, left, right), their indexes ints: quicker to walk."""
    return [tuple((int(f), float(v), int(left), int(right)) for f, v, left, right in tree) for tree in trees]


TREES = compiled(headline_weights.TREES)


def score(row: list[float], trees: list[tuple] = TREES) -> float:
    return sum(tree_score(tree, row) for tree in trees)


def best(indexes: list[int], rows: list[list[float]], trees: list[tuple] = TREES) -> int:
    """The best-scored candidate (the first on a tie)."""
    scores = [score(row, trees) for row in rows]
    return indexes[max(range(len(indexes)), key=lambda k: (scores[k], -k))]


def choose(blocks: list[str]) -> int:
    """The index of the headline line of a scrape, whole-page copy or not: the rules' choice where they are
    sure, else the best-scored line."""
    if not blocks:
        return 0
    rule, body, first_headline, sure = rules(blocks)
    if sure:
        return rule
    indexes, rows = features(blocks, rule, body, first_headline)
    kept = eligible(blocks, indexes)
    return settled(blocks, best([indexes[k] for k in kept], [rows[k] for k in kept]), body)


def settled(blocks: list[str], chosen: int, body: int | None) -> int:
    """The headline, from the trees' choice: the line the breadcrumb ends with (crumbed_headline), else the headline
    over its by-line above the choice (over_by_line) or far under it (under_choice), else the choice; the headline
    over it when that is a standfirst (over_standfirst)."""
    crumbed = crumbed_headline(blocks, body)
    if crumbed is not None:
        return over_standfirst(blocks, crumbed, body)
    lifted = over_by_line(blocks, chosen, body)
    return over_standfirst(blocks, under_choice(blocks, chosen, body) if lifted == chosen else lifted, body)


def over_standfirst(blocks: list[str], chosen: int, body: int | None) -> int:
    """The line over the chosen one when the chosen line is the standfirst under the headline: a sentence of
    STANDFIRST_WORDS words or more in sentence case (a headline in title case is none), no shorter than four fifths of
    the line above, with the by-line or the date under it; the line above is headline-shaped, of four words or more,
    and speaks of the text ("<headline>" / "An interview with Thomas Malone, author of …" / "Jun 18th 2018" / text).
    (A kicker over the headline is seldom of four words and shorter than it; ten words, as a shorter line in sentence
    case may be the headline itself, under another story's teaser.)"""
    if body is None or chosen <= 0 or chosen >= body:
        return chosen
    line, above = blocks[chosen], blocks[chosen - 1]
    long = _LONG_WORD.findall(line)
    if words(line) < max(STANDFIRST_WORDS, 0.8 * words(above)) or len(long) < 3 \
            or sum(w[0].isupper() for w in long) > SENTENCE_CAPITALS * len(long):
        return chosen
    if not headline_shaped(above) or words(above) < 4 or NOT_HEADLINE.search(above) or CRUMBS.search(above) \
            or not _dated_under(blocks, chosen, body):
        return chosen
    return chosen - 1 if overlap(above, content_words(" ".join(blocks[body: body + 6]))) > 0 else chosen


def crumbed_headline(blocks: list[str], body: int | None) -> int | None:
    """The line nearest the text that the line above it ends with, after a breadcrumb's mark or glued to its last
    link ("Home » Ferries » <headline>" / "<headline>", "HomeFerries<headline>" / "<headline>": a page's path ends with
    the page), when a by-line, a date or prose follows it: the line is the article's headline, printed again under
    its path. A headline under it instead makes it a section's label ("BLOGS /Island life" / "Island life" / ...)."""
    if body is None:
        return None
    for index in range(body - 1, max(0, body - ABOVE), -1):
        block, path, under = blocks[index], blocks[index - 1], blocks[index + 1]
        if not (len(path) > len(block) + 2 and path.endswith(block) and headline_shaped(block)) \
                or NOT_HEADLINE.search(block) or headline_shaped(under) and not (about_it(under) or prose(under)):
            continue
        head = path[: -len(block)]
        if _PATH_END.search(head) or _GLUED.search(head) and block[0].isupper():
            return index
    return None


def over_by_line(blocks: list[str], chosen: int, body: int | None) -> int:
    """The headline that its by-line follows, over the chosen line when that has no by-line or date under it and
    only the article's furniture stands between them (share buttons, a date, a teaser sentence, a photo's
    credit): the chosen line is then a sub-heading or the standfirst ("<headline>" / "von Jane Roe" / "31. März
    2020" / "<sub-heading>" / text). A headline-shaped line between them (another story's teaser under an
    author's box) leaves the choice as it is."""
    if body is None or _dated_under(blocks, chosen, body):
        return chosen
    for index in range(chosen - 1, max(-1, chosen - LIFT), -1):
        if not _over_its_by_line(blocks, index):
            continue
        between = blocks[index + 2: chosen]
        return chosen if any(headline_shaped(b) and words(b) >= 4 and not about_it(b) for b in between) else index
    return chosen


def under_choice(blocks: list[str], chosen: int, body: int | None) -> int:
    """The headline over its by-line nearest the text, at least FAR lines under a chosen line that has no by-line or
    date under it (a site's name over its menu, a line of the page's header): the article's headline stands over
    its by-line. Not under the first line: a copy that starts with its headline may list other posts under it."""
    if body is None or not chosen or _dated_under(blocks, chosen, body):
        return chosen
    return next((index for index in range(body - 1, chosen + FAR - 1, -1) if _over_its_by_line(blocks, index)),
                chosen)


def _dated_under(blocks: list[str], index: int, body: int) -> bool:
    return any(BY_LINE.match(b) or words(b) <= 20 and about_it(b) for b in blocks[index + 1: min(body, index + 4)])


def _over_its_by_line(blocks: list[str], index: int) -> bool:
    """A headline-shaped line of two words or more right over a by-line ("<headline>" / "By Jane Roe")."""
    block, under = blocks[index], blocks[index + 1] if index + 1 < len(blocks) else ""
    return bool(BY_LINE.match(under)) and words(under) <= BY_LINE_WORDS and headline_shaped(block) \
        and words(block) >= 2 and not CRUMBS.search(block) and not prose(block) \
        and not NOT_HEADLINE.search(block)  # (what may not be chosen may not be lifted to either)


def eligible(blocks: list[str], indexes: list[int]) -> list[int]:
    """The positions in `indexes` of the candidates that may be chosen: not a skip link, a line NOT_HEADLINE says is
    none, a date alone ("Monday, 6 January 2020"), an item of a list under its label, nor a long line that shares no
    word with the page's other prose (the trees are trained on every candidate: to them these are more lines that are
    not the headline). All of them when none is left (a copy of nothing but a skip link)."""
    page_words: Counter[str] | None = None  # word -> the distinct prose blocks that use it
    kept = []
    for k, i in enumerate(indexes):
        if SKIP_LINK.match(blocks[i]) or i and (NOT_HEADLINE.search(blocks[i]) or _listed(blocks, i)
                                                 or only_a_date(blocks[i])):
            continue
        if i and words(blocks[i]) > UNRELATED_WORDS:
            if page_words is None:
                page_words = Counter(w for b in dict.fromkeys(blocks) if prose(b) for w in content_words(b))
            # the line's own words (and its copies') are no evidence: a tagline that ends as a sentence is prose
            if not any(page_words[w] > prose(blocks[i]) for w in content_words(blocks[i])):
                continue
        kept.append(k)
    return kept or list(range(len(indexes)))


def _listed(blocks: list[str], index: int) -> bool:
    """The line is an item of a list under a LIST_LABEL: the label stands above it, only headline-shaped lines
    (the list's other items) between; a by-line or a date line ends the list, and a line over a by-line is the
    article's headline (a list of bare links that ends right over it: "Most read" / ... / headline / "By ...")."""
    def item(block: str) -> bool:
        return headline_shaped(block) and not about_it(block)

    if index + 1 < len(blocks) and BY_LINE.match(blocks[index + 1]):
        return False

    for above in range(index - 1, max(-1, index - LIST_ITEMS - 1), -1):
        if LIST_LABEL.match(blocks[above]):
            return item(blocks[index])
        if not item(blocks[above]):
            return False
    return False


def rules(blocks: list[str]) -> tuple[int, int | None, bool, bool]:
    """(the rules' choice, the first paragraph, whether the first line looks like the headline, whether the rules
    are sure): they are sure of a scrape that starts with its headline (the text form: a copy from the headline
    down) and of the line under a blog's links to the posts before and after this one."""
    rule, body = find_start(blocks), body_start(blocks)
    first_headline = body is not None and first_is_headline(blocks)  # (it needs a paragraph)
    return rule, body, first_headline, rule == 0 and first_headline or body is not None and after_post_links(
        blocks, body) == rule


def title_of(block: str, blocks: list[str]) -> str:
    """The title a line gives (the headline inside "Home / News / <headline>"): what training compares."""
    return headline_within(block, blocks)
