"""The sharded search index the browser client reads: small script files, loaded on demand.

A page opened from file:// may not fetch() local files, but it may load
<script> files; every file here is one call `ArchiveSearch.receive(name, data)`.
The format is documented in docs/search-format.md.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections import defaultdict
from typing import Iterable, Iterator

import numpy as np

from generator.model import OutputFile
from generator.search.documents import BOOSTS, FIELDS, PARALLEL_FROM, SearchDoc
from generator.search.postings import Entries
from generator.workers import run as fork_run
from generator.search.statistics import B, K1, TermStats
from generator.search.tokens import STOP_WORDS
from generator.slugs import make_slug

FORMAT = 1
KEY_LENGTH = 2  # dictionary shards hold the terms that start with the same 2 characters...
SHARD_LIMIT = 48_000  # ...and a shard larger than this (bytes) is split by one more character
INLINE = 64  # postings kept inside the dictionary entry; longer lists go to pages
PAGE = 500  # postings per page file
CHUNK = 8  # documents per metadata file: a result costs about 4 KB of metadata


def _script(name: str, data: object) -> OutputFile:
    return _script_of_json(name, _json(data), isinstance(data, dict) and "__proto__" in data)


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _script_of_json(name: str, body: str, has_proto: bool = False) -> OutputFile:
    """The script file of some data, given as its JSON text (`_json`)."""
    if has_proto:
        # In an object literal that key would set the prototype, not hold a term.
        body = f"JSON.parse({json.dumps(body)})"
    return OutputFile(f"search/{name}.js", f'ArchiveSearch.receive("{name}",{body});\n'.encode("utf-8"))


_TABLE_LIMIT = 1 << 22  # values below this are written from a table of their texts
_table = np.zeros(0, dtype="<u8")  # the text `v,` of each v, left-aligned in 8 bytes padded with NULs
_sizes = np.zeros(0, dtype=np.int64)  # its length


def _grow_table(top: int) -> None:
    global _table, _sizes
    size = max(1024, 1 << top.bit_length())
    texts = [f"{v},".encode("ascii") for v in range(size)]
    _table = np.frombuffer(b"".join(t.ljust(8, b"\0") for t in texts), dtype="<u8")
    _sizes = np.array([len(t) for t in texts], dtype=np.int64)


def _decimals(values: np.ndarray) -> tuple[str, np.ndarray]:
    """The text `v,` of every value (non-negative integers below 2**31) one after another,
    each written as json.dumps writes it, and where each value's text ends."""
    values = values.astype(np.int32, copy=False)
    if len(values) == 0:
        return "", np.zeros(0, dtype=np.int64)
    if int(values.min()) < 0:
        raise ValueError("negative value")
    top = int(values.max())
    if top >= _TABLE_LIMIT:
        return _decimals_wide(values)
    if top >= len(_table):
        _grow_table(top)
    text = _table[values].tobytes().translate(None, b"\0").decode("ascii")
    return text, np.cumsum(_sizes[values])


def _decimals_wide(values: np.ndarray) -> tuple[str, np.ndarray]:
    """`_decimals` of any values below 2**31, digit by digit."""
    n = len(values)
    digits = np.ones(n, dtype=np.int8)
    top, power = int(values.max()), 10
    while top >= power:
        digits += values >= power
        power *= 10
    width = int(digits.max())
    cells = np.empty((width + 1, n), dtype=np.uint8)  # each value's digits right-aligned, then a comma
    cells[width] = ord(",")
    rest = values.copy()
    for place in range(width - 1, -1, -1):
        quotient = rest // 10
        cells[place] = rest - quotient * 10 + ord("0")
        rest = quotient
    keep = np.arange(width + 1, dtype=np.int8)[:, None] >= (width - digits)  # drop leading zeros
    text = cells.T[keep.T].tobytes().decode("ascii")
    return text, np.cumsum(digits + 1, dtype=np.int64)


ROWS_AT_ONCE = 200_000  # rows turned into text at a time: `_decimals` takes ~60 bytes a value


def _row_texts(rows: np.ndarray) -> tuple[str, np.ndarray]:
    """The text `v,` of every value of the rows, and where each row's text starts (one more: the end).

    By slices of rows, so that a batch of millions of postings (one frequent
    2-character prefix at 100k articles) does not need gigabytes of temporaries.
    """
    width = rows.shape[1]
    texts, starts, offset = [], [np.zeros(1, dtype=np.int64)], 0
    for first in range(0, len(rows), ROWS_AT_ONCE):
        text, ends = _decimals(rows[first : first + ROWS_AT_ONCE].ravel())
        texts.append(text)
        starts.append(ends[width - 1 :: width] + offset)
        offset += len(text)
    return "".join(texts), np.concatenate(starts)


def hex_key(prefix: str) -> str:
    """A dictionary shard's name: its prefix's UTF-8 bytes in hex (file-name safe)."""
    return prefix.encode("utf-8").hex()


def key_prefix(term: str) -> str:
    """The prefix naming a term's dictionary shard before large shards are split."""
    return term[:KEY_LENGTH]


def key_of(term: str, keys: set[str] | None = None) -> str:
    """The shard holding a term: the one with the longest prefix of it among `keys`."""
    if keys is None:
        return hex_key(term[:KEY_LENGTH])
    for length in range(len(term), 0, -1):
        if hex_key(term[:length]) in keys:
            return hex_key(term[:length])
    return hex_key(term[:KEY_LENGTH])


def _estimated_size(entries: dict[str, tuple]) -> int:
    """About the bytes of a shard's JSON, without encoding it: ~4 bytes a number."""
    return sum(
        len(term.encode("utf-8")) + 16 + 4 * numbers + 40 * len(pages or ())
        for term, (_, _, _, numbers, pages) in entries.items()
    )


def _shard_json(entries: dict[str, tuple]) -> str:
    """`_json` of the shard {term: [df, count, inline, pages]}, with the inline rows already JSON."""
    return "{" + ",".join(
        f"{_json(term)}:[{df},{count},{inline or 'null'},{_json(pages) if pages is not None else 'null'}]"
        for term, (df, count, inline, _, pages) in entries.items()
    ) + "}"


def _split_shards(entries: dict[str, tuple], prefix: str) -> dict[str, dict[str, tuple]]:
    """Shards of at most SHARD_LIMIT bytes, splitting a big one by the next character.

    Terms no longer than the prefix stay in the prefix's own shard.
    """
    if _estimated_size(entries) <= SHARD_LIMIT or len(entries) < 2:
        return {prefix: entries}
    own = {t: e for t, e in entries.items() if len(t) <= len(prefix)}
    children: dict[str, dict[str, tuple]] = defaultdict(dict)
    for term, entry in entries.items():
        if len(term) > len(prefix):
            children[term[: len(prefix) + 1]][term] = entry
    out = {prefix: own} if own else {}
    for child in sorted(children):
        out.update(_split_shards(children[child], child))
    return out


def _quantised(average: float) -> float:
    # Posting order uses averages rounded to half powers of two, so a small
    # edit elsewhere in the archive does not reorder (and rewrite) every page.
    return 2 ** (round(math.log2(average) * 2) / 2) if average > 0 else 1.0


def _rows(stats: TermStats, starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The rows of the postings `start:start + size` of each span, one after another: the posting's
    doc, then its (tf, field length) per field, 0, 0 where the field lacks the term."""
    total = int(sizes.sum())
    index = np.repeat(starts - (np.cumsum(sizes) - sizes), sizes) + np.arange(total, dtype=np.int64)
    rows = np.empty((total, 1 + 2 * len(FIELDS)), dtype=np.int32)
    docs = stats.docs[index]
    rows[:, 0] = docs
    for f in range(len(FIELDS)):
        tfs = stats.tfs[f, index]
        rows[:, 1 + 2 * f] = tfs
        rows[:, 2 + 2 * f] = np.where(tfs > 0, stats.lengths[f][docs], 0)
    return rows


def _impacts(rows: np.ndarray, proxies: list[float]) -> np.ndarray:
    """Each row's BM25 impact ignoring idf (the same for every row of a term), negated.

    The same floating-point operations in the same order as the scalar formula
    `boost * (K1 + 1) * tf / (K1 * (1 - B + B * length / proxy) + tf)`, summed over
    the fields holding the term, so ties and order are exactly those of the
    scalar computation.
    """
    total = np.zeros(len(rows), dtype=np.float64)
    for f, boost in enumerate(BOOSTS):
        tf = rows[:, 1 + 2 * f].astype(np.float64)
        length = rows[:, 2 + 2 * f].astype(np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            impact = boost * (K1 + 1) * tf / (K1 * (1 - B + B * length / proxies[f]) + tf)
        total = total + np.where(tf > 0, impact, 0.0)
    return -total


def _encode(batches: list[list[int]], indices: range, source: TermStats | Entries, proxies: list[float],
            dfs: list[int] | None) -> list[OutputFile]:
    """`_dictionary` of some batches of term ids of `source`, grouping their entries first if
    the source is ungrouped (in the workers, so that both cores group)."""
    out = []
    for batch in batches[indices.start : indices.stop]:
        if isinstance(source, Entries):
            stats = source.select(batch).group()
            out += _dictionary(list(range(len(batch))), stats, proxies, stats.dfs().tolist())
        else:
            assert dfs is not None
            out += _dictionary(batch, source, proxies, dfs)
    return out


def _dictionary(term_ids: list[int], stats: TermStats, proxies: list[float], dfs: list[int]) -> list[OutputFile]:
    """Dictionary shards and posting pages for some term ids (sorted by term) of whole
    2-character prefixes."""
    terms = stats.terms
    chosen = np.array(term_ids, dtype=np.int64)
    posting_starts = stats.offsets[chosen]
    posting_counts = stats.offsets[chosen + 1] - posting_starts
    rows = _rows(stats, posting_starts, posting_counts)
    width = rows.shape[1]
    # Where each term's rows begin; the rows of a term of several pages are put in
    # falling order of impact (the client reads a page whole: shorter lists need no order).
    firsts = np.concatenate(([0], np.cumsum(posting_counts))).tolist()
    counts = posting_counts.tolist()
    paged = np.flatnonzero(posting_counts > PAGE).tolist()
    if paged:
        impacts = _impacts(rows, proxies)
        for i in paged:
            mine = slice(firsts[i], firsts[i + 1])
            rows[mine] = rows[mine][np.argsort(impacts[mine], kind="stable")]
    # Page bounds for every page at once: per field, the largest tf and the smallest length of its rows holding the term.
    page_spans = [(first, min(first + PAGE, firsts[i + 1])) for i in np.flatnonzero(posting_counts > INLINE).tolist()
                  for first in range(firsts[i], firsts[i + 1], PAGE)]
    page_starts = [first for first, _ in page_spans]
    bounds: dict[int, list[int]] = {}
    if page_spans:
        cuts = sorted({cut for page in page_spans for cut in page})
        cuts = [c for c in cuts if c < len(rows)]
        at = {cut: i for i, cut in enumerate(cuts)}
        columns = []
        for f in range(len(FIELDS)):
            tfs, lengths = rows[:, 1 + 2 * f], rows[:, 2 + 2 * f]
            shortest = np.minimum.reduceat(np.where(tfs > 0, lengths, np.iinfo(np.int32).max), cuts)
            columns += [np.maximum.reduceat(tfs, cuts), np.where(shortest == np.iinfo(np.int32).max, 0, shortest)]
        table = np.stack(columns, axis=1).tolist()
        bounds = {start: table[at[start]] for start in page_starts}
    text, starts = _row_texts(rows)

    def rows_json(first: int, end: int) -> str:
        return "[" + text[int(starts[first]) : int(starts[end]) - 1] + "]"

    by_prefix: dict[str, dict[str, tuple]] = defaultdict(dict)
    out: list[OutputFile] = []
    for i, (t, count) in enumerate(zip(term_ids, counts)):
        term = terms[t]
        first = firsts[i]
        if count <= INLINE:
            entry = (dfs[t], count, rows_json(first, first + count), width * count, None)
        else:
            pages = []
            stem = hashlib.sha1(term.encode("utf-8")).hexdigest()[:12]
            for number, page in enumerate(range(first, first + count, PAGE)):
                name = f"p/{stem}-{number}"
                size = min(PAGE, first + count - page)
                pages.append([name, size, *bounds[page]])
                out.append(_script_of_json(name, rows_json(page, page + size)))
            entry = (dfs[t], count, None, 0, pages)
        by_prefix[term[:KEY_LENGTH]][term] = entry
    for prefix in sorted(by_prefix):
        for key, entries in _split_shards(by_prefix[prefix], prefix).items():
            out.append(_script_of_json(f"d/{hex_key(key)}", _shard_json(entries), "__proto__" in entries))
    return out


def _batches(terms: list[str], sizes: list[int], count: int) -> list[list[int]]:
    """The term ids, sorted by term, in about `count` batches of whole prefixes, of similar
    sizes (postings or entries)."""
    target = sum(sizes) / count + 1
    batches, current, size, prefix = [], [], 0, None
    for t in sorted(range(len(terms)), key=terms.__getitem__):
        if terms[t][:KEY_LENGTH] != prefix:
            if size >= target:
                batches.append(current)
                current, size = [], 0
            prefix = terms[t][:KEY_LENGTH]
        current.append(t)
        size += sizes[t]
    if current:
        batches.append(current)
    return batches


BATCH = 1_000_000  # postings a batch may hold: its rows are built at once


def files(stats: TermStats, docs: list[SearchDoc], workers: int | None = None) -> list[OutputFile]:
    """Every file of the sharded index."""
    return list(iter_files(stats, docs, workers))


def iter_files(
    stats: TermStats | Iterable[Entries], docs: list[SearchDoc], workers: int | None = None
) -> Iterator[OutputFile]:
    """The files of the sharded index as they are made, so that they can be written as they come.

    `stats`: every term's statistics, or the ungrouped entries of successive ranges of whole
    keys (`key_prefix`, `postings.Collected.ranges`), so that only one range is in memory at a time.
    """
    workers = workers if workers is not None else (os.cpu_count() or 1)
    dictionary = []
    for part in [stats] if isinstance(stats, TermStats) else stats:
        averages = part.average_lengths
        proxies = [_quantised(a) for a in averages]
        jobs = workers if workers > 1 and part.n_docs >= PARALLEL_FROM else 1
        if isinstance(part, TermStats):
            sizes, dfs = np.diff(part.offsets).tolist(), part.dfs().tolist()
            names, postings = part.terms, len(part.docs)
        else:
            sizes, dfs = part.per_term().tolist(), None
            names, postings = part.names, len(part.terms)
        batches = _batches(names, sizes, max(jobs * 4 if jobs > 1 else 1, postings // BATCH + 1))
        job = (part, proxies, dfs)
        chunks = [range(i, i + 1) for i in range(len(batches))]
        for files in fork_run(_encode, batches, job, jobs, chunks=chunks, ordered=True):
            for file in files:
                if file.path.startswith("search/d/"):
                    dictionary.append((file.path[len("search/d/") : -len(".js")], len(file.data)))
                yield file
        n_docs = part.n_docs
        del part, job, batches
    dictionary.sort()
    for start in range(0, len(docs), CHUNK):
        chunk = docs[start : start + CHUNK]
        yield _script(f"docs/{start // CHUNK}", [
            [d.ref, d.title, d.date_iso, d.date_shown, list(d.sources), list(d.flags), d.snippet] for d in chunk
        ])
    facets, facet_files = _facets(docs)
    yield from facet_files
    yield _script("facets", facets)
    yield _script("stats", {
        "format": FORMAT,
        "docs": n_docs,
        "fields": list(FIELDS),
        "boosts": list(BOOSTS),
        "averages": averages,
        "k1": K1,
        "b": B,
        "keyLength": KEY_LENGTH,
        "keys": [key for key, _ in dictionary],
        "sizes": [size for _, size in dictionary],  # bytes, so a client can refuse a query that reads too much
        "stopWords": sorted(STOP_WORDS),
        "chunk": CHUNK,
    })


def _facets(docs: list[SearchDoc]) -> tuple[dict, list[OutputFile]]:
    groups: dict[str, dict[str, tuple[str, list[int]]]] = {"year": {}, "tag": {}, "source": {}, "flag": {}}

    slugs: dict[str, str] = {}  # a label's slug, made once: labels repeat across documents

    def add(facet: str, label: str, doc: int) -> None:
        value = slugs.get(label)
        if value is None:
            value = slugs[label] = make_slug(label)
        groups[facet].setdefault(value, (label, []))[1].append(doc)

    for doc in docs:
        add("year", str(doc.year) if doc.year else "undated", doc.id)
        for tag in doc.tags:
            add("tag", tag, doc.id)
        for source in doc.sources:
            add("source", source, doc.id)
        for flag in doc.flags:
            add("flag", flag, doc.id)
    listing, out = {}, []
    for facet, values in groups.items():
        if facet == "year":  # newest first, undated last
            order = sorted(values.items(), key=lambda kv: (kv[0] == "undated", -int(kv[0]) if kv[0].isdigit() else 0))
        else:  # most used first
            order = sorted(values.items(), key=lambda kv: (-len(kv[1][1]), kv[1][0].casefold(), kv[0]))
        listing[facet] = []
        for value, (label, members) in order:
            ids = sorted(set(members))
            name = f"f/{facet}-{value}"
            listing[facet].append([value, label, len(ids), name])
            deltas = [ids[0]] + [b - a for a, b in zip(ids, ids[1:])]
            out.append(_script(name, deltas))
    return listing, out
