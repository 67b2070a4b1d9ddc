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
    vectors: dict[tuple[int, int], list[tuple[int, float]]] = defaultdict(list)
    inverted = {}
    for index, (term, posting) in enumerate(stats.postings.items()):
        term_idf = idf(posting.df(), stats.n_docs)
        entry: dict = {field: {} for field in FIELDS}
        for f, field in enumerate(FIELDS):
            column = posting.tfs[f]
            if column is None:
                continue
            lengths, average, boost = stats.lengths[f], averages[f], BOOSTS[f]
            for doc, tf in zip(posting.docs, column):
                if tf:
                    entry[field][refs[doc]] = {}
                    score = weight(term_idf, tf, lengths[doc], average, boost)
                    vectors[(doc, f)].append((index, round(score, 3)))
        entry["_index"] = index
        inverted[term] = entry
    field_vectors = []
    for doc in range(stats.n_docs):
        for f, field in enumerate(FIELDS):
            pairs = vectors.get((doc, f), ())  # already in term-number order
            field_vectors.append([f"{field}/{refs[doc]}", [x for pair in pairs for x in pair]])
    return {
        "version": LUNR_VERSION,
        "fields": list(FIELDS),
        "fieldVectors": field_vectors,
        # lunr.js builds its token set in JavaScript string order, which is UTF-16 order
        "invertedIndex": [[term, inverted[term]] for term in sorted(inverted, key=_utf16)],
        "pipeline": ["stemmer"],
    }


def _utf16(term: str) -> bytes:
    return term.encode("utf-16-be")


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
