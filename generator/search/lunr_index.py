"""`search/lunr-index.json`: a standard serialised lunr index, for other tools.

It is what lunr.py's builder produces for the same documents and pipeline,
loadable by lunr.js 2.3.9's `lunr.Index.load`; refs are article URL paths
relative to the site root, described by `search/lunr-docs.json`. The browser
never needs it: our own client reads the sharded format (shards.py).
"""

from __future__ import annotations

import json

import numpy as np

from generator.archive.model import OutputFile
from generator.search import languages
from generator.search.documents import BOOSTS, FIELDS, SearchDoc
from generator.search.statistics import K1, B, TermStats, idf

LUNR_VERSION = "2.3.9"
DEFAULT_LIMIT = 5_000  # articles; above this only with --lunr-index (~19 KB per benchmark article)


def serialised(stats: TermStats, docs: list[SearchDoc], language: str = "en") -> str:
    """The index as JSON text: what json.dumps of lunr.py's `Index.serialize()` gives, written
    piece by piece (building its nested dicts and then encoding them took twice as long: 0.82 s
    against 0.40 s for the 1k benchmark corpus, and after an edit it is all written again)."""
    refs = [doc.ref for doc in docs]
    averages = stats.average_lengths
    n_fields = len(FIELDS)
    n_terms = len(stats.terms)
    dfs = stats.dfs().tolist()
    numbers = np.empty(n_terms, dtype=np.int64)  # term id -> lunr's term number
    numbers[stats.first_seen] = np.arange(n_terms)
    term_of_posting = np.repeat(np.arange(n_terms, dtype=np.int64), np.diff(stats.offsets))
    members = [_quoted(ref) + ":{}" for ref in refs]  # a posting: `"ref":{}`
    postings: list[list[str]] = []  # per field, per term: `{"ref":{},...}`
    vector_keys, vector_terms, vector_scores = [], [], []
    term_idfs = np.array([idf(df, stats.n_docs) for df in dfs], dtype=np.float64)
    for f in range(n_fields):
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
        bounds = np.searchsorted(posting_terms, np.arange(n_terms + 1)).tolist()
        listed = list(map(members.__getitem__, posting_docs.tolist()))
        postings.append(["{" + ",".join(listed[start:end]) + "}" for start, end in zip(bounds, bounds[1:])])
    keys = np.concatenate(vector_keys)
    order = np.lexsort((np.concatenate(vector_terms), keys))
    # Each pair as its two texts, side by side in one list, all taken from tables (a text
    # per term, and per distinct score): joining slices of it makes every vector in C.
    scores, score_of_pair = np.unique(_thousandths(np.concatenate(vector_scores)[order]), return_inverse=True)
    wholes, parts = np.divmod(scores, 1000)
    score_texts = [f"{w}.{_FRACTIONS[k]}" for w, k in zip(wholes.tolist(), parts.tolist())]
    term_texts = list(map(str, range(n_terms)))
    flat: list[str] = [""] * (2 * len(order))
    flat[0::2] = map(term_texts.__getitem__, np.concatenate(vector_terms)[order].tolist())
    flat[1::2] = map(score_texts.__getitem__, score_of_pair.ravel().tolist())
    bounds = np.searchsorted(keys[order], np.arange(stats.n_docs * n_fields + 1)).tolist()
    fields = [_quoted(field) for field in FIELDS]
    vectors = [
        f"[{_quoted(f'{field}/{ref}')},[{','.join(flat[2 * bounds[key] : 2 * bounds[key + 1]])}]]"
        for key, (ref, field) in enumerate((ref, field) for ref in refs for field in FIELDS)
    ]
    terms, lunr_numbers = stats.terms, numbers.tolist()
    by_field = ",".join(f"{field}:%s" for field in fields)  # `"title":{...},"tags":{...},...`
    entries = [by_field % texts for texts in zip(*postings)]
    inverted = [
        f'[{_quoted(terms[t])},{{{entries[t]},"_index":{lunr_numbers[t]}}}]'
        # lunr.js builds its token set in JavaScript string order, which is UTF-16 order
        for t in sorted(range(n_terms), key=lambda t: _utf16(terms[t]))
    ]
    pipeline = ",".join(map(_quoted, languages.lunr_pipeline(language)))
    return (
        f'{{"version":{_quoted(LUNR_VERSION)},"fields":[{",".join(fields)}],'
        f'"fieldVectors":[{",".join(vectors)}],"invertedIndex":[{",".join(inverted)}],"pipeline":[{pipeline}]}}'
    )


def _thousandths(values: np.ndarray) -> np.ndarray:
    """round(v, 3) * 1000 for every v (scores: not negative, far below 2**53 / 1000), exactly,
    so that `f"{n // 1000}.{_FRACTIONS[n % 1000]}"` is how json.dumps writes round(v, 3).

    round() rounds the exact value of v; rint(v * 1000) gives the same unless v * 1000
    lies within its rounding error of a half, so those few are rounded by round() itself.
    """
    scaled = values * 1000
    rounded = np.rint(scaled)
    fraction = scaled - np.floor(scaled)
    close = np.flatnonzero(np.abs(fraction - 0.5) < 1e-6)
    rounded[close] = [round(round(value, 3) * 1000) for value in values[close].tolist()]
    return rounded.astype(np.int64)


# The digits after the point of repr(n / 1000) for n in 0..999: a float rounded to three
# decimals prints as the shortest decimal that reads back as it, so without trailing zeros.
_FRACTIONS = [f"{n:03d}".rstrip("0") or "0" for n in range(1000)]


def _utf16(term: str) -> bytes:
    return term.encode("utf-16-be")


# A JSON string literal, as json.dumps(ensure_ascii=False) writes it (in C).
_quoted = json.encoder.encode_basestring


def files(stats: TermStats, docs: list[SearchDoc], language: str = "en") -> list[OutputFile]:
    """lunr-index.json, its pipeline the stemmer of the archive's `language` (docs/search-format.md)."""
    index = serialised(stats, docs, language)
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
