"""The sharded search index the browser client reads: small script files, loaded on demand.

A page opened from file:// may not fetch() local files, but it may load
<script> files; every file here is one call `ArchiveSearch.receive(name, data)`.
The format is documented in docs/search-format.md.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict

from generator.model import OutputFile
from generator.search.documents import BOOSTS, FIELDS, SearchDoc
from generator.search.statistics import B, K1, TermStats
from generator.slugs import make_slug

FORMAT = 1
KEY_LENGTH = 2  # dictionary shards hold the terms that start with the same 2 characters
INLINE = 64  # postings kept inside the dictionary entry; longer lists go to pages
PAGE = 500  # postings per page file
CHUNK = 32  # documents per metadata file


def _script(name: str, data: object) -> OutputFile:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return OutputFile(f"search/{name}.js", f'ArchiveSearch.receive("{name}",{body});\n'.encode("utf-8"))


def key_of(term: str) -> str:
    """The dictionary shard of a term, as a file-name-safe hex string."""
    return term[:KEY_LENGTH].encode("utf-8").hex()


def _quantised(average: float) -> float:
    # Posting order uses averages rounded to half powers of two, so a small
    # edit elsewhere in the archive does not reorder (and rewrite) every page.
    return 2 ** (round(math.log2(average) * 2) / 2) if average > 0 else 1.0


def files(stats: TermStats, docs: list[SearchDoc]) -> list[OutputFile]:
    width = len(FIELDS) + 1
    averages = stats.average_lengths
    proxies = [_quantised(a) for a in averages]
    shards: dict[str, dict[str, list]] = defaultdict(dict)
    out: list[OutputFile] = []
    for term in sorted(stats.postings):
        flat = stats.postings[term]
        rows = []
        for i in range(0, len(flat), width):
            doc = flat[i]
            row = [doc]
            impact = 0.0
            for f in range(len(FIELDS)):
                tf, length = flat[i + 1 + f], stats.lengths[f][doc]
                row += [tf, length if tf else 0]
                if tf:
                    norm = 1 - B + B * length / proxies[f]
                    impact += BOOSTS[f] * (K1 + 1) * tf / (K1 * norm + tf)
            rows.append((-round(impact, 9), doc, row))
        rows.sort()
        ordered = [row for _, _, row in rows]
        df = sum(1 for row in ordered for f in range(len(FIELDS)) if row[1 + 2 * f])
        if len(ordered) <= INLINE:
            entry = [df, len(ordered), [x for row in ordered for x in row], None]
        else:
            pages = []
            stem = hashlib.sha1(term.encode("utf-8")).hexdigest()[:12]
            for number, start in enumerate(range(0, len(ordered), PAGE)):
                chunk = ordered[start : start + PAGE]
                name = f"p/{stem}-{number}"
                bounds = []
                for f in range(len(FIELDS)):
                    tfs = [row[1 + 2 * f] for row in chunk if row[1 + 2 * f]]
                    lens = [row[2 + 2 * f] for row in chunk if row[1 + 2 * f]]
                    bounds += [max(tfs), min(lens)] if tfs else [0, 0]
                pages.append([name, len(chunk), *bounds])
                out.append(_script(name, [x for row in chunk for x in row]))
            entry = [df, len(ordered), None, pages]
        shards[key_of(term)][term] = entry
    for key in sorted(shards):
        out.append(_script(f"d/{key}", shards[key]))
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
        "keys": sorted(shards),
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
