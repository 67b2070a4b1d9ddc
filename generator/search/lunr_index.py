"""`search/lunr-index.json`: a standard serialised lunr index, for other tools.

It is what lunr.py's builder produces for the same documents and pipeline,
loadable by lunr.js 2.3.9's `lunr.Index.load`; refs are article URL paths
relative to the site root, described by `search/lunr-docs.json`. The browser
never needs it: our own client reads the sharded format (shards.py).
"""

from __future__ import annotations

import json

import numpy as np

from generator.model import OutputFile
from generator.search.documents import BOOSTS, FIELDS, SearchDoc
from generator.search.statistics import B, K1, TermStats, idf

LUNR_VERSION = "2.3.9"
DEFAULT_LIMIT = 5_000  # articles; above this only with --lunr-index (~10 KB per article)


def serialise(stats: TermStats, docs: list[SearchDoc]) -> dict:
    refs = [doc.ref for doc in docs]
    averages = stats.average_lengths
    n_fields = len(FIELDS)
    dfs = stats.dfs().tolist()
    numbers = np.empty(len(stats.terms), dtype=np.int64)  # term id -> lunr's term number
    numbers[stats.first_seen] = np.arange(len(stats.terms))
    sizes = np.diff(stats.offsets)
    term_of_posting = np.repeat(np.arange(len(stats.terms), dtype=np.int64), sizes)
    inverted = {}
    empty: dict = {}
    vector_keys, vector_terms, vector_scores = [], [], []
    term_idfs = np.array([idf(df, stats.n_docs) for df in dfs], dtype=np.float64)
    for f, field in enumerate(FIELDS):
        tfs = stats.tfs[f]
        present = np.flatnonzero(tfs)
        posting_docs = stats.docs[present]
        posting_terms = term_of_posting[present]
        # lunr's weight, operation for operation (statistics.weight), for every posting at once
        idfs = term_idfs[posting_terms]
        tf = tfs[present].astype(np.float64)
        average = averages[f]
        if average:
            norm = 1 - B + B * (stats.lengths[f][posting_docs] / average)
        else:
            norm = np.ones(len(present))
        scores = idfs * ((K1 + 1) * tf) / (K1 * norm + tf) * BOOSTS[f]
        vector_keys.append(posting_docs.astype(np.int64) * n_fields + f)
        vector_terms.append(numbers[posting_terms])
        vector_scores.append(scores)
        bounds = np.searchsorted(posting_terms, np.arange(len(stats.terms) + 1))
        ref_list = list(map(refs.__getitem__, posting_docs.tolist()))
        for t, (start, end) in enumerate(zip(bounds[:-1].tolist(), bounds[1:].tolist())):
            entry = inverted.get(t)
            if entry is None:
                entry = inverted[t] = {}
            entry[field] = dict.fromkeys(ref_list[start:end], empty) if end > start else {}
    keys = np.concatenate(vector_keys)
    order = np.lexsort((np.concatenate(vector_terms), keys))
    keys, pair_terms = keys[order], np.concatenate(vector_terms)[order].tolist()
    pair_scores = _round3(np.concatenate(vector_scores)[order])
    bounds = np.searchsorted(keys, np.arange(stats.n_docs * n_fields + 1)).tolist()
    field_vectors = []
    for doc in range(stats.n_docs):
        for f, field in enumerate(FIELDS):
            start, end = bounds[doc * n_fields + f], bounds[doc * n_fields + f + 1]
            pairs: list = [None] * (2 * (end - start))
            pairs[0::2] = pair_terms[start:end]
            pairs[1::2] = pair_scores[start:end]
            field_vectors.append([f"{field}/{refs[doc]}", pairs])
    terms = stats.terms
    for number, t in enumerate(stats.first_seen.tolist()):
        inverted[t]["_index"] = number
    return {
        "version": LUNR_VERSION,
        "fields": list(FIELDS),
        "fieldVectors": field_vectors,
        # lunr.js builds its token set in JavaScript string order, which is UTF-16 order
        "invertedIndex": [[terms[t], inverted[t]] for t in sorted(range(len(terms)), key=lambda t: _utf16(terms[t]))],
        "pipeline": ["stemmer"],
    }


def _round3(values: np.ndarray) -> list[float]:
    """[round(v, 3) for v in values], exactly, mostly vectorised.

    round() rounds the exact value of v; rint(v * 1000) / 1000 gives the same float
    unless v * 1000 lies within its rounding error of a half, so those few are
    rounded by round() itself.
    """
    scaled = values * 1000
    out = np.rint(scaled) / 1000
    fraction = scaled - np.floor(scaled)
    close = np.flatnonzero(np.abs(fraction - 0.5) < 1e-6)
    rounded = out.tolist()
    for i, value in zip(close.tolist(), values[close].tolist()):
        rounded[i] = round(value, 3)
    return rounded


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
