"""Word diffs between versions of an article: what was inserted and deleted, as HTML with <ins> and <del>.

Each version's body HTML is cut into its blocks (paragraphs, headings, list items), each
block into words, spaces and punctuation; every distinct token becomes one character, so
diff-match-patch (fast-diff-match-patch, in C) compares words, not letters: a 1,200-word
article with three edits takes well under a millisecond (benchmarks/RESULTS.md). The result
is cached in the body store under the two bodies' keys, so a rebuild diffs only new versions.
"""

from __future__ import annotations

import html
import re
from typing import Iterable

import fast_diff_match_patch

from generator.archive.versions import Change, Version
from generator.incremental import cache

BREAK = "\n\n"  # the token between two blocks
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|pre|figcaption|td|th|tr|dt|dd)\s*>|<br\s*/?>|<hr\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")
_TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")
_WORD = re.compile(r"\w")
_FIRST = 0x10000  # token characters start beyond the basic plane: no clash with the separators' code points


def blocks(body_html: str) -> list[str]:
    """The text of each block of an article body, white space folded."""
    text = html.unescape(_TAG.sub(" ", _BLOCK_END.sub("\x00", body_html)))
    return [" ".join(part.split()) for part in text.split("\x00") if part.strip()]


def tokens(parts: Iterable[str]) -> list[str]:
    out: list[str] = []
    for part in parts:
        if out:
            out.append(BREAK)
        out.extend(_TOKEN.findall(part))
    return out


def diff(old: list[str], new: list[str]) -> list[tuple[str, list[str]]]:
    """(op, tokens) runs: op is "=", "-" or "+"."""
    codes = {token: chr(_FIRST + i) for i, token in enumerate(dict.fromkeys([*old, *new]))}
    a, b = "".join(map(codes.__getitem__, old)), "".join(map(codes.__getitem__, new))
    runs, i, j = [], 0, 0
    for op, length in fast_diff_match_patch.diff(a, b, counts_only=True):  # lengths: slice the tokens
        if op == "+":
            runs.append((op, new[j: j + length]))
            j += length
        else:
            runs.append((op, old[i: i + length]))
            i += length
            j += length if op == "=" else 0
    return runs


def render(runs: list[tuple[str, list[str]]]) -> tuple[str, int, int]:
    """The diff as paragraphs with inline <ins>/<del>; and the words inserted and deleted."""
    paragraphs: list[str] = []
    current: list[str] = []
    inserted = deleted = 0
    for op, items in runs:
        tag = {"+": "ins", "-": "del"}.get(op)
        if tag:
            words = sum(1 for t in items if t != BREAK and _WORD.match(t))
            inserted += words if op == "+" else 0
            deleted += words if op == "-" else 0
        for piece in _split(items):
            if piece == [BREAK]:
                paragraphs.append("".join(current))
                current = []
                continue
            text = "".join(piece)
            core = text.strip()
            if not tag or not core:
                current.append(html.escape(text, quote=False) if not tag else " " * (text != ""))
                continue
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
            current.append(f"{' ' if lead else ''}<{tag}>{html.escape(core, quote=False)}</{tag}>{' ' if trail else ''}")
    paragraphs.append("".join(current))
    body = "\n".join(f"<p>{p.strip()}</p>" for p in paragraphs if p.strip())
    return body, inserted, deleted


def _split(items: list[str]) -> list[list[str]]:
    """The tokens of a run cut at block breaks, each break a piece of its own."""
    pieces: list[list[str]] = [[]]
    for token in items:
        if token == BREAK:
            pieces.append([BREAK])
            pieces.append([])
        else:
            pieces[-1].append(token)
    return [p for p in pieces if p]


def words_html(old: str, new: str) -> str:
    """A one-line diff (a headline): the changed words marked."""
    body, _, _ = render(diff(tokens([old]), tokens([new])))
    return body.removeprefix("<p>").removesuffix("</p>")


def key_of(before: Version, after: Version) -> str:
    return cache.key("diff", before.body_key, after.body_key)


def compute(store, before: Version, after: Version) -> Change:
    """The change from `before` to `after`, from the store when it was diffed before."""
    entry = key_of(before, after)
    title_before = before.title if before.title != after.title else None
    found = store.get(entry)
    if isinstance(found, dict) and isinstance(found.get("html"), str) and isinstance(found.get("inserted"), int) \
            and isinstance(found.get("deleted"), int):
        return Change(found["inserted"], found["deleted"], title_before, entry)
    old, new = store.get(before.body_key), store.get(after.body_key)
    if not (isinstance(old, dict) and isinstance(new, dict)):
        raise RuntimeError("a version's body is missing from the build cache; build again")
    body, inserted, deleted = render(diff(tokens(blocks(old["html"])), tokens(blocks(new["html"]))))
    store.put(entry, {"html": body, "inserted": inserted, "deleted": deleted})
    return Change(inserted, deleted, title_before, entry)


def compute_chunk(pairs: list[tuple[Version, Version]], indices: range, store) -> dict[int, Change]:
    """On the executor: the changes of some pairs of versions; new diffs go into the store as one pack."""
    done = {index: compute(store, *pairs[index]) for index in indices}
    store.flush()
    return done


def all_changes(versions: dict[str, tuple[Version, ...]], store, executor) -> dict[tuple[str, str], Change]:
    """(slug, stamp) -> the change from the version before, for every version but each article's first."""
    pairs = [(slug, items[i - 1], items[i]) for slug, items in versions.items() for i in range(1, len(items))]
    todo = [(before, after) for _, before, after in pairs]
    found: dict[int, Change] = {}
    if len(todo) > 16:
        for chunk in executor.map(compute_chunk, todo, (store,)):
            found.update(chunk)
        store.refresh()
    else:
        found = {i: compute(store, *pair) for i, pair in enumerate(todo)}
        store.flush()
    return {(slug, after.stamp): found[i] for i, (slug, _, after) in enumerate(pairs)}
