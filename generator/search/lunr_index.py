"""`search/lunr-index.json`: a standard serialised lunr index, for other tools.

It is what lunr.py's builder produces for the same documents and pipeline,
loadable by lunr.js 2.3.9's `lunr.Index.load`; refs are article URL paths
relative to the site root, described by `search/lunr-docs.json`. The browser
never needs it: our own client reads the sharded format (shards.py).
"""

from __future__ import annotations

import json
from collections import defaultdict

from generator.model import OutputFile
from generator.search.documents import BOOSTS, FIELDS, SearchDoc
from generator.search.statistics import TermStats, idf, weight

LUNR_VERSION = "2.3.9"
DEFAULT_LIMIT = 5_000  # articles; above this only with --lunr-index (~10 KB per article)


def serialise(stats: TermStats, docs: list[SearchDoc]) -> dict:
    refs = [doc.ref for doc in docs]
    averages = stats.average_lengths
    width = len(FIELDS) + 1
    vectors: dict[tuple[int, int], list[tuple[int, float]]] = defaultdict(list)
    inverted = {}
    for index, (term, flat) in enumerate(stats.postings.items()):
        term_idf = idf(stats.df(term), stats.n_docs)
        posting: dict = {field: {} for field in FIELDS}
        for i in range(0, len(flat), width):
            doc = flat[i]
            for f, field in enumerate(FIELDS):
                tf = flat[i + 1 + f]
                if tf:
                    posting[field][refs[doc]] = {}
                    score = weight(term_idf, tf, stats.lengths[f][doc], averages[f], BOOSTS[f])
                    vectors[(doc, f)].append((index, round(score, 3)))
        posting["_index"] = index
        inverted[term] = posting
    field_vectors = []
    for doc in range(stats.n_docs):
        for f, field in enumerate(FIELDS):
            pairs = sorted(vectors.get((doc, f), ()))
            field_vectors.append([f"{field}/{refs[doc]}", [x for pair in pairs for x in pair]])
    return {
        "version": LUNR_VERSION,
        "fields": list(FIELDS),
        "fieldVectors": field_vectors,
        "invertedIndex": [[term, inverted[term]] for term in sorted(inverted)],
        "pipeline": ["stemmer"],
    }


def files(stats: TermStats, docs: list[SearchDoc]) -> list[OutputFile]:
    index = json.dumps(serialise(stats, docs), ensure_ascii=False, separators=(",", ":"))
    described = {
        doc.ref: {"title": doc.title, "date": doc.date_iso, "sources": list(doc.sources), "flags": list(doc.flags)}
        for doc in docs
    }
    return [
        OutputFile("search/lunr-index.json", index.encode("utf-8")),
        OutputFile(
            "search/lunr-docs.json",
            json.dumps(described, ensure_ascii=False, indent=1).encode("utf-8"),
        ),
    ]
