"""Term statistics of a set of documents: the raw counts every index format is made from.

Raw counts (term frequencies and field lengths), not scores, so the browser can
apply lunr's BM25 scoring itself with one small file of global statistics.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from array import array
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from generator.search.documents import FIELDS, SearchDoc
from generator.search.tokens import TermCounter

K1 = 1.2
B = 0.75
BODY = len(FIELDS) - 1  # the long field; the others are short and rarely hold a term


@dataclass
class Posting:
    """The documents holding one term, ascending, with the term's frequency in each field."""

    docs: list[int]
    tfs: list[list[int] | None]  # per field, aligned with docs; None: the term is not in that field

    def tf(self, field: int) -> list[int]:
        column = self.tfs[field]
        return column if column is not None else [0] * len(self.docs)

    def df(self) -> int:
        """lunr's document count for idf: documents holding the term, counted once per field."""
        return sum(len(col) - col.count(0) for col in self.tfs if col is not None)


@dataclass
class TermStats:
    n_docs: int
    lengths: list[array]  # per field: each document's field length, in terms
    # In the order terms were first seen (title, tags, then body of each document in turn),
    # which is the order lunr numbers terms in.
    postings: dict[str, Posting]

    @property
    def average_lengths(self) -> list[float]:
        return [sum(lengths) / self.n_docs if self.n_docs else 0.0 for lengths in self.lengths]


PARALLEL_FROM = 2_000  # documents; below this, starting worker processes costs more than it saves
CHUNK = 1_000  # documents a worker counts at a time


def count(docs: list[SearchDoc], workers: int | None = None) -> TermStats:
    """Term statistics of the documents (ids 0..n-1 in order), counted in parallel when many."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    texts = [doc.field_texts() for doc in docs]
    chunks = [(start, texts[start : start + CHUNK]) for start in range(0, len(texts), CHUNK)]
    if workers > 1 and len(docs) >= PARALLEL_FROM:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            parts = list(pool.map(_count_chunk, chunks))
    else:
        parts = [_count_chunk(chunk) for chunk in chunks]
    return _merge(parts, len(docs))


def _count_chunk(chunk: tuple[int, list[tuple[str, str, str]]]) -> tuple:
    """Counts for consecutive documents starting at id `first`."""
    first, texts = chunk
    lengths: list[list[int]] = [[] for _ in FIELDS]
    count_terms = TermCounter()
    seen: dict[str, int] = {}
    long: dict[str, tuple[list[int], list[int]]] = {}
    short: dict[str, dict[int, list[int]]] = {}  # term -> doc -> tfs, for the short fields
    for doc_id, field_texts in enumerate(texts, start=first):
        fields = [count_terms(text) for text in field_texts]
        for f, counts in enumerate(fields):
            lengths[f].append(sum(counts.values()))
            seen.update(counts)
        for f, counts in enumerate(fields[:BODY]):
            for term, tf in counts.items():
                short.setdefault(term, {}).setdefault(doc_id, [0] * BODY)[f] = tf
        get = long.get
        for term, tf in fields[BODY].items():
            entry = get(term)
            if entry is None:
                entry = long[term] = ([], [])
            entry[0].append(doc_id)
            entry[1].append(tf)
    return lengths, list(seen), long, short


def _merge(parts: list[tuple], n_docs: int) -> TermStats:
    lengths = [array("i") for _ in FIELDS]
    seen: dict[str, None] = {}
    long: dict[str, tuple[list[int], list[int]]] = {}
    short: dict[str, dict[int, list[int]]] = {}
    for part_lengths, part_seen, part_long, part_short in parts:  # in document order
        for f, values in enumerate(part_lengths):
            lengths[f].extend(values)
        seen.update(dict.fromkeys(part_seen))
        for term, (docs, tfs) in part_long.items():
            entry = long.get(term)
            if entry is None:
                long[term] = (docs, tfs)
            else:
                entry[0].extend(docs)
                entry[1].extend(tfs)
        for term, rows in part_short.items():
            short.setdefault(term, {}).update(rows)
    postings = {}
    empty: tuple[list[int], list[int]] = ([], [])
    for term in seen:
        body_docs, body_tfs = long.get(term, empty)
        extra = short.get(term)
        if extra is None:
            postings[term] = Posting(body_docs, [None] * BODY + [body_tfs])
            continue
        in_body = dict(zip(body_docs, body_tfs))
        merged = sorted(set(body_docs) | extra.keys())
        columns = [[extra.get(d, (0,) * BODY)[f] for d in merged] for f in range(BODY)]
        body = [in_body.get(d, 0) for d in merged]
        postings[term] = Posting(merged, [c if any(c) else None for c in columns] + [body if any(body) else None])
    return TermStats(n_docs, lengths, postings)


def idf(df: int, n_docs: int) -> float:
    return math.log(1 + abs((n_docs - df + 0.5) / (df + 0.5)))


def weight(idf_value: float, tf: int, length: int, average: float, boost: float) -> float:
    """lunr's BM25 weight of a term in one field of one document, unrounded."""
    norm = 1 - B + B * (length / average) if average else 1
    return idf_value * ((K1 + 1) * tf) / (K1 * norm + tf) * boost
