"""The sharded search index the browser client reads: small script files, loaded on demand.

A page opened from file:// may not fetch() local files, but it may load
<script> files; every file here is one call `ArchiveSearch.receive(name, data)`.
The format is documented in docs/search-format.md.
"""

from __future__ import annotations

import hashlib
import json
import math
import multiprocessing
import os
from array import array
from concurrent.futures import ProcessPoolExecutor
from collections import defaultdict
from itertools import chain, repeat

from generator.model import OutputFile
from generator.search.documents import BOOSTS, FIELDS, SearchDoc
from generator.search.statistics import B, K1, PARALLEL_FROM, Posting, TermStats
from generator.search.tokens import STOP_WORDS
from generator.slugs import make_slug

FORMAT = 1
KEY_LENGTH = 2  # dictionary shards hold the terms that start with the same 2 characters...
SHARD_LIMIT = 48_000  # ...and a shard larger than this (bytes) is split by one more character
INLINE = 64  # postings kept inside the dictionary entry; longer lists go to pages
PAGE = 500  # postings per page file
CHUNK = 8  # documents per metadata file: a result costs about 4 KB of metadata


def _script(name: str, data: object) -> OutputFile:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if isinstance(data, dict) and "__proto__" in data:
        # In an object literal that key would set the prototype, not hold a term.
        body = f"JSON.parse({json.dumps(body)})"
    return OutputFile(f"search/{name}.js", f'ArchiveSearch.receive("{name}",{body});\n'.encode("utf-8"))


def hex_key(prefix: str) -> str:
    """A dictionary shard's name: its prefix's UTF-8 bytes in hex (file-name safe)."""
    return prefix.encode("utf-8").hex()


def key_of(term: str, keys: set[str] | None = None) -> str:
    """The shard holding a term: the one with the longest prefix of it among `keys`."""
    if keys is None:
        return hex_key(term[:KEY_LENGTH])
    for length in range(len(term), 0, -1):
        if hex_key(term[:length]) in keys:
            return hex_key(term[:length])
    return hex_key(term[:KEY_LENGTH])


def _estimated_size(entries: dict[str, list]) -> int:
    """About the bytes of a shard's JSON, without encoding it: ~4 bytes a number."""
    return sum(
        len(term.encode("utf-8")) + 16 + 4 * len(inline or ()) + 40 * len(pages or ())
        for term, (_, _, inline, pages) in entries.items()
    )


def _split_shards(entries: dict[str, list], prefix: str) -> dict[str, dict[str, list]]:
    """Shards of at most SHARD_LIMIT bytes, splitting a big one by the next character.

    Terms no longer than the prefix stay in the prefix's own shard.
    """
    if _estimated_size(entries) <= SHARD_LIMIT or len(entries) < 2:
        return {prefix: entries}
    own = {t: e for t, e in entries.items() if len(t) <= len(prefix)}
    children: dict[str, dict[str, list]] = defaultdict(dict)
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


def _columns(posting: Posting, lengths: list[array]) -> list:
    """The posting's rows as columns: doc ids, then (tf, field length) per field; 0, 0 where absent."""
    columns: list = [posting.docs]
    for f, tfs in enumerate(posting.tfs):
        if tfs is None:
            columns += [repeat(0), repeat(0)]
        else:
            field_lengths = lengths[f]
            columns += [tfs, [field_lengths[d] if tf else 0 for d, tf in zip(posting.docs, tfs)]]
    return columns


def _by_impact(rows: list[tuple[int, ...]], proxies: list[float]) -> list[tuple[int, ...]]:
    """Rows in falling order of a BM25 impact that ignores idf (the same for every row)."""
    def impact(row: tuple[int, ...]) -> float:
        total = 0.0
        for f, boost in enumerate(BOOSTS):
            tf = row[1 + 2 * f]
            if tf:
                total += boost * (K1 + 1) * tf / (K1 * (1 - B + B * row[2 + 2 * f] / proxies[f]) + tf)
        return -total

    return sorted(rows, key=impact)  # stable: equal impacts stay in document order


def _dictionary(batch: tuple[dict[str, Posting], list[array], list[float]]) -> list[OutputFile]:
    """Dictionary shards and posting pages for whole 2-character prefixes of terms."""
    postings, lengths, proxies = batch
    by_prefix: dict[str, dict[str, list]] = defaultdict(dict)
    out: list[OutputFile] = []
    for term in sorted(postings):
        posting = postings[term]
        columns = _columns(posting, lengths)
        count, df = len(posting.docs), posting.df()
        if count <= INLINE:
            entry = [df, count, list(chain.from_iterable(zip(*columns))), None]
        else:
            # Only a list of several pages needs ordering: the client reads a page whole.
            rows = list(zip(*columns))
            ordered = _by_impact(rows, proxies) if count > PAGE else rows
            pages = []
            stem = hashlib.sha1(term.encode("utf-8")).hexdigest()[:12]
            for number, start in enumerate(range(0, count, PAGE)):
                chunk = ordered[start : start + PAGE]
                name = f"p/{stem}-{number}"
                bounds = []
                for f in range(len(FIELDS)):
                    present = [row for row in chunk if row[1 + 2 * f]]
                    bounds += [max(r[1 + 2 * f] for r in present), min(r[2 + 2 * f] for r in present)] if present else [0, 0]
                pages.append([name, len(chunk), *bounds])
                out.append(_script(name, list(chain.from_iterable(chunk))))
            entry = [df, count, None, pages]
        by_prefix[term[:KEY_LENGTH]][term] = entry
    for prefix in sorted(by_prefix):
        for key, entries in _split_shards(by_prefix[prefix], prefix).items():
            out.append(_script(f"d/{hex_key(key)}", entries))
    return out


def _batches(stats: TermStats, proxies: list[float], count: int) -> list[tuple]:
    """The terms in `count` batches of whole prefixes, of similar numbers of postings."""
    groups: dict[str, list[str]] = defaultdict(list)
    for term in stats.postings:
        groups[term[:KEY_LENGTH]].append(term)
    target = sum(len(p.docs) for p in stats.postings.values()) / count + 1
    batches, current, size = [], {}, 0
    for prefix in sorted(groups):
        for term in groups[prefix]:
            current[term] = stats.postings[term]
            size += len(stats.postings[term].docs)
        if size >= target:
            batches.append((current, stats.lengths, proxies))
            current, size = {}, 0
    if current:
        batches.append((current, stats.lengths, proxies))
    return batches


def files(stats: TermStats, docs: list[SearchDoc], workers: int | None = None) -> list[OutputFile]:
    averages = stats.average_lengths
    proxies = [_quantised(a) for a in averages]
    workers = workers if workers is not None else (os.cpu_count() or 1)
    out: list[OutputFile] = []
    if workers > 1 and stats.n_docs >= PARALLEL_FROM:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for part in pool.map(_dictionary, _batches(stats, proxies, workers * 4)):
                out.extend(part)
    else:
        out.extend(_dictionary((stats.postings, stats.lengths, proxies)))
    dictionary = sorted((f.path[len("search/d/") : -len(".js")], len(f.data)) for f in out if f.path.startswith("search/d/"))
    for start in range(0, len(docs), CHUNK):
        chunk = docs[start : start + CHUNK]
        out.append(_script(f"docs/{start // CHUNK}", [
            [d.ref, d.title, d.date_iso, d.date_shown, list(d.sources), list(d.flags), d.snippet] for d in chunk
        ]))
    facets, facet_files = _facets(docs)
    out.extend(facet_files)
    out.append(_script("facets", facets))
    out.append(_script("stats", {
        "format": FORMAT,
        "docs": stats.n_docs,
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
    }))
    return out


def _facets(docs: list[SearchDoc]) -> tuple[dict, list[OutputFile]]:
    groups: dict[str, dict[str, tuple[str, list[int]]]] = {"year": {}, "tag": {}, "source": {}, "flag": {}}

    def add(facet: str, label: str, doc: int) -> None:
        value = make_slug(label)
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
