"""Thousands of inline elements in a row in one box (a hostile or broken page: one `<div>` of 100,000 `<span>`s),
flattened to their text before extraction.

trafilatura strips the tags it gives no meaning (`span`, `font`, `small`, …), which leaves one text node per
element; lxml then joins those nodes again on every read of the text, in quadratic time (100,000 spans: minutes).
A run this long is read as the text it holds, in one pass: the words stay, the stripped tags' markup goes, and
with it the elements whose markup trafilatura reads as hidden (their text too, as trafilatura would drop it). Real pages have runs of at most 127 such elements (of 1,020 corpus pages).
"""

from __future__ import annotations

from trafilatura.xpaths import OVERALL_DISCARD_XPATH

# The inline tags trafilatura strips without reading them (its MANUALLY_STRIPPED, less the block ones, and span;
# `img` too: images are not extracted).
TEXT_ONLY = frozenset({"span", "font", "small", "big", "cite", "abbr", "acronym", "mark", "ins", "nobr", "data",
                       "dfn", "bdi", "bdo", "img", "wbr"})
WIDE_RUN = 1_000  # elements in a row; the cost of a run grows with its square, so each one stays small
# trafilatura's own test of what its markup hides (`aria-hidden="true"`, a class ` hidden` or `hide-…`, an id or
# style saying hidden, a comment box's title), which it reads before it strips the run's tags: those elements go
# with their text here, as they would have gone had the run been read as markup
_HIDDEN = next(xpath for xpath in OVERALL_DISCARD_XPATH if "aria-hidden" in xpath.path)


def flatten(tree) -> int:
    """Each run of WIDE_RUN or more `TEXT_ONLY` siblings becomes its text (its other elements, `<a>`, `<b>`, `<br>`,
    kept in place); how many elements the runs held (the text-only ones inside those are unwrapped too, uncounted:
    the import's warning speaks of runs)."""
    hosts = [element for element in tree.iter() if isinstance(element.tag, str) and _wide_runs(element)]
    return sum(_flatten(host, _wide_runs(host), _hidden(host)) for host in reversed(hosts))  # the innermost first


def _hidden(host) -> set:
    """The elements under `host` that trafilatura's markup test hides, unless hiding them would leave a seventh of
    its text or less: trafilatura then prunes none of them (its guard against pruning the article itself)."""
    hidden = set(_HIDDEN(host))
    if not hidden:
        return hidden
    outermost = [e for e in hidden if not any(a in hidden for a in e.iterancestors() if a is not host)]
    whole = len(host.text_content())
    return hidden if whole - sum(len(e.text_content()) for e in outermost) > whole / 7 else set()


def _is_text_only(element) -> bool:
    return isinstance(element.tag, str) and element.tag in TEXT_ONLY


def _wide_runs(host) -> set:
    """The children of `host` in runs of WIDE_RUN or more text-only siblings."""
    members: set = set()
    run: list = []
    count = 0
    for child in [*host, None]:
        if child is not None and (_is_text_only(child) or not isinstance(child.tag, str)):
            run.append(child)  # a comment between them goes on the run, uncounted (a run of one each was as slow)
            count += _is_text_only(child)
            continue
        if count >= WIDE_RUN:
            members.update(run)
        run, count = [], 0
    return members


def _flatten(host, members: set, hidden: set) -> int:
    """`host`'s children in `members`, and the text-only elements inside them, give way to their text (the comments
    among them go, and so do those `hidden` with their text); in one pass (no string is read or written twice: lxml's
    text nodes are joined once)."""
    kept: list = []  # (element, the pieces of its new tail)
    pieces = [host.text or ""]  # the pieces of the host's text, then of the last kept element's tail
    leading = pieces
    held = 0  # the run members unwrapped (the warning counts them)
    stack = [iter(list(host))]
    tails: list = []  # for each open unwrapped element, its tail, written after its content
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            if tails:
                pieces.append(tails.pop())
            continue
        if (not isinstance(child.tag, str) or child in hidden) and (child in members or len(stack) > 1):
            held += child in hidden and child in members  # (a comment is not counted)
            pieces.append(child.tail or "")  # a comment, processing instruction or hidden element goes; its tail stays
        elif child in members or (len(stack) > 1 and _is_text_only(child)):
            held += child in members
            pieces.append(child.text or "")
            tails.append(child.tail or "")
            stack.append(iter(list(child)))
        else:
            pieces = [child.tail or ""]
            kept.append((child, pieces))
    for child in [c for c in host if c in members]:
        host.remove(child)  # with its tail; what it held that is kept moves below
    host.text = "".join(leading) or None
    for child, tail in kept:
        host.append(child)
        child.tail = "".join(tail) or None
    return held
