"""The search files besides the dictionary and postings: each document's metadata (title, path,
date) in chunks, its field lengths, the facets (year, tag, source, flag), and the index statistics."""

from __future__ import annotations

from typing import Iterable, Iterator

import numpy as np

from generator.archive.model import OutputFile
from generator.archive.slugs import make_slug
from generator.search import encoding, languages
from generator.search.documents import SearchDoc

CHUNK = 8  # documents per metadata file: a result costs about 4 KB of metadata
LENGTHS = 100  # documents per length file: the exact field lengths of the few rows that may rank


def doc_files(docs: list[SearchDoc], starts: Iterable[int], language: str) -> Iterator[OutputFile]:
    """The metadata files of the documents from each start (a multiple of CHUNK). A document in
    another language than the archive's (`language`, a primary subtag) names it last, so that its
    result's title is read out in that language."""
    for start in starts:
        chunk = docs[start : start + CHUNK]
        yield encoding.script(f"docs/{start // CHUNK}", [
            [d.ref, d.title, d.date_iso, d.date_shown, list(d.sources), list(d.flags), d.snippet,
             *([d.lang] if d.lang != language else [])] for d in chunk
        ])


def length_files(lengths: list, starts: Iterable[int]) -> Iterator[OutputFile]:
    """The length files of the documents from each start (a multiple of LENGTHS): each
    document's length in every field, one document after another."""
    for start in starts:
        table = np.stack([column[start : start + LENGTHS] for column in lengths], axis=1)
        text, _ = encoding.decimals(table.ravel())
        yield encoding.script_of_json(f"l/{start // LENGTHS}", "[" + text[:-1] + "]")


def changed_lengths(before: list, after: list, documents: Iterable[int]) -> list[int]:
    """The starts of the length files that differ for these documents."""
    return sorted({d - d % LENGTHS for d in documents if any(int(a[d]) != int(b[d]) for a, b in zip(after, before))})


def is_facet(path: str) -> bool:
    return path.startswith("search/f/") or path == "search/facets.js"


def facet_files(docs: list[SearchDoc]) -> list[OutputFile]:
    facets, out = _facets(docs)
    return [*out, encoding.script("facets", facets)]


def facet_values(doc: SearchDoc) -> tuple:
    """What the facet files hold of a document (`_facets` reads nothing else)."""
    return doc.id, doc.year, doc.tags, doc.sources, doc.flags, doc.lang


def _facets(docs: list[SearchDoc]) -> tuple[dict, list[OutputFile]]:
    groups: dict[str, dict[str, tuple[str, list[int]]]] = {"year": {}, "tag": {}, "source": {}, "flag": {}}
    several = len({doc.lang for doc in docs}) > 1  # the language is a facet of an archive in several
    if several:
        groups["lang"] = {}

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
        if several:
            groups["lang"].setdefault(doc.lang, (languages.name(doc.lang), []))[1].append(doc.id)
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
            out.append(encoding.script(name, deltas))
    return listing, out
