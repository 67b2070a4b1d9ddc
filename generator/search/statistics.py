"""Term statistics of a set of documents: the raw counts every index format is made from.

Raw counts (term frequencies and field lengths), not scores, so the browser can
apply lunr's BM25 scoring itself with one small file of global statistics.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass

from generator.search.documents import BOOSTS, FIELDS, SearchDoc
from generator.search.tokens import TermCounter

K1 = 1.2
B = 0.75


@dataclass
class TermStats:
    n_docs: int
    lengths: list[array]  # per field: the field's length (in terms) of each doc
    # term -> flat array of (doc id, tf in field 0, tf in field 1, ...) per document, doc ids ascending.
    # Dict order is the order terms were first seen, which is lunr's term index order.
    postings: dict[str, array]

    @property
    def average_lengths(self) -> list[float]:
        return [sum(lengths) / self.n_docs if self.n_docs else 0.0 for lengths in self.lengths]

    def df(self, term: str) -> int:
        """lunr's document count for idf: documents containing the term, counted once per field."""
        flat = self.postings[term]
        width = len(FIELDS) + 1
        return sum(1 for i in range(0, len(flat), width) for f in range(1, width) if flat[i + f])


def count(docs: list[SearchDoc]) -> TermStats:
    lengths = [array("i") for _ in FIELDS]
    postings: dict[str, array] = {}
    count_terms = TermCounter()
    for doc in docs:
        title, tags, body = (count_terms(text) for text in doc.field_texts())
        for f, counts in enumerate((title, tags, body)):
            lengths[f].append(sum(counts.values()))
        # Terms in lunr's numbering order: title's first, then tags', then body's.
        for term in {**title, **tags, **body}:
            flat = postings.get(term)
            if flat is None:
                flat = postings[term] = array("i")
            flat.extend((doc.id, title.get(term, 0), tags.get(term, 0), body.get(term, 0)))
    return TermStats(len(docs), lengths, postings)


def idf(df: int, n_docs: int) -> float:
    return math.log(1 + abs((n_docs - df + 0.5) / (df + 0.5)))


def weight(idf_value: float, tf: int, length: int, average: float, boost: float) -> float:
    """lunr's BM25 weight of a term in one field of one document, unrounded."""
    norm = 1 - B + B * (length / average) if average else 1
    return idf_value * ((K1 + 1) * tf) / (K1 * norm + tf) * boost


BOOST = dict(zip(FIELDS, BOOSTS))
