"""Term statistics of a set of documents: the raw counts every index format is made from.

Raw counts (term frequencies and field lengths), not scores, so the browser can
apply lunr's BM25 scoring itself with one small file of global statistics.

`count(docs)` counts the documents' terms (in worker processes when there are
many) and `combine` merges the parts into `TermStats`: postings grouped by term
as flat arrays. (A simpler reference, one document at a time, is in
tests/search_helpers.py; the tests compare the two.)
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

from generator.executors.local import even_chunks
from generator.executors.local import run as fork_run
from generator.search.bulk import BulkCounter
from generator.search.documents import FIELDS, PARALLEL_FROM, SearchDoc
from generator.search.tokens import TermNumberer

K1 = 1.2
B = 0.75


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
    """Every posting of every term, as flat arrays grouped by term.

    Term `t` (an index into `terms`) has the postings `offsets[t]:offsets[t + 1]`
    of `docs` (ascending document ids) and of each row of `tfs` (its frequency
    in each field of those documents, 0 where the field lacks it).
    """

    n_docs: int
    lengths: list[np.ndarray]  # per field: each document's field length, in terms
    terms: list[str]
    # The term ids in the order terms were first seen (title, tags, then body of
    # each document in turn): the order lunr numbers terms in.
    first_seen: np.ndarray
    offsets: np.ndarray  # int64, len(terms) + 1
    docs: np.ndarray  # int32
    tfs: np.ndarray  # uint16 (int32 if a count needs it), (len(FIELDS), postings)

    @property
    def average_lengths(self) -> list[float]:
        return average_lengths(self.lengths, self.n_docs)

    def dfs(self) -> np.ndarray:
        """lunr's document count for idf, per term id: (document, field) pairs holding the term."""
        if not self.terms:
            return np.zeros(0, dtype=np.int64)
        present = np.count_nonzero(self.tfs, axis=0)
        return np.add.reduceat(present, self.offsets[:-1])

    def posting(self, term_id: int) -> Posting:
        start, end = self.offsets[term_id], self.offsets[term_id + 1]
        columns = [self.tfs[f, start:end].tolist() for f in range(len(FIELDS))]
        return Posting(self.docs[start:end].tolist(), [c if any(c) else None for c in columns])

    @property
    def postings(self) -> dict[str, Posting]:
        """Every term's postings as lists, in the order terms were first seen (slow: for tests)."""
        return {self.terms[t]: self.posting(t) for t in self.first_seen.tolist()}


def average_lengths(lengths: list[np.ndarray], n_docs: int) -> list[float]:
    """Each field's average length over the documents."""
    return [int(column.sum()) / n_docs if n_docs else 0.0 for column in lengths]


CHUNK = 5_000  # documents a worker counts at a time, at most
BULK = 2_000_000  # characters counted at once (bulk.py's arrays take about 100 bytes a character)


def count(docs: list[SearchDoc], workers: int | None = None) -> TermStats:
    """Term statistics of the documents (ids 0..n-1 in order), counted in parallel when many.

    The same as the reference `gather(document_counts(...))` (tests/search_helpers.py), faster: each
    worker numbers terms itself instead of keying counts by term.
    """
    workers = workers if workers is not None else (os.cpu_count() or 1)
    workers = workers if workers > 1 and len(docs) >= PARALLEL_FROM else 1
    texts = [doc.field_texts() for doc in docs]
    chunks = even_chunks(len(texts), workers, CHUNK)
    return combine(list(fork_run(_count_range, texts, (BulkCounter(TermNumberer()),), workers, chunks=chunks, ordered=True)))


def _count_range(texts: list, indices: range, counter: BulkCounter) -> tuple:
    """What `Gatherer.part()` gives for some consecutive documents' texts."""
    return count_texts(texts[indices.start : indices.stop], counter)


def count_texts(documents: Iterable[Sequence[str]], counter: BulkCounter) -> tuple:
    """What `Gatherer.part()` gives for consecutive documents' field texts."""
    return count_texts_and_words(documents, counter)[0]


def count_texts_and_words(documents: Iterable[Sequence[str]], counter: BulkCounter) -> tuple[tuple, tuple]:
    """`count_texts`, and the words (surface forms) of the documents: (words, each word's term,
    each word's language, then int32 arrays: document (from 0) and word number of each
    (document, word) pair, ascending)."""
    parts, pairs, batch, size, docs = [], [], [], 0, 0
    n_fields = len(FIELDS)

    def counted() -> None:
        counts, (in_batch, words) = counter.count_words(batch, n_fields)
        parts.append(counts)
        pairs.append((in_batch + docs, words))

    for field_texts in documents:
        batch.extend(field_texts)
        size += sum(map(len, field_texts))
        if size >= BULK:
            counted()
            docs += len(batch) // n_fields
            batch, size = [], 0
    if batch or not parts:
        counted()
    arrays = [np.concatenate(column) for column in zip(*parts)]
    numberer = counter.numberer
    words = (list(numberer.words), [numberer.terms[t] for t in numberer.word_terms],
             [numberer.language.lang] * len(numberer.words), *(np.concatenate(column) for column in zip(*pairs)))
    return (list(numberer.terms), *arrays), words


def interleaved(counted: Sequence[tuple[Sequence[int], tuple, tuple]], n_docs: int) -> tuple[tuple, tuple]:
    """One `count_texts_and_words` result for `n_docs` documents counted in groups (one per
    language, each by its own counter): each group's document positions, part and words,
    put back in document order."""
    n_fields = len(FIELDS)
    vocabulary, names, word_terms, langs = [], [], [], []
    terms, tfs, sizes, lengths, targets, pair_docs, pair_words = [], [], [], [], [], [], []
    for positions, (group_vocabulary, group_terms, group_tfs, group_sizes, group_lengths), words in counted:
        positions = np.asarray(positions, dtype=np.int64)
        terms.append(group_terms + len(vocabulary))
        vocabulary += group_vocabulary
        tfs.append(group_tfs)
        sizes.append(group_sizes)
        lengths.append(group_lengths)
        targets.append((positions[:, None] * n_fields + np.arange(n_fields)).ravel())
        group_names, group_word_terms, group_langs, docs, local = words
        pair_docs.append(positions[docs])
        pair_words.append(local.astype(np.int64) + len(names))
        names += group_names
        word_terms += group_word_terms
        langs += group_langs
    terms, tfs, sizes = np.concatenate(terms), np.concatenate(tfs), np.concatenate(sizes)
    order = np.argsort(np.concatenate(targets), kind="stable")  # the rows as counted, in document order
    starts = np.concatenate(([0], np.cumsum(sizes, dtype=np.int64)))[:-1]
    chosen = sizes[order].astype(np.int64)
    within = np.arange(int(chosen.sum()), dtype=np.int64) - np.repeat(np.cumsum(chosen) - chosen, chosen)
    entries = np.repeat(starts[order], chosen) + within
    part = (vocabulary, terms[entries], tfs[entries], sizes[order], np.concatenate(lengths)[order])
    docs, local = np.concatenate(pair_docs), np.concatenate(pair_words)
    pairs = np.lexsort((local, docs))
    return part, (names, word_terms, langs, docs[pairs].astype(np.int32), local[pairs].astype(np.int32))


def combine(parts: Sequence[tuple], n_docs: int | None = None) -> TermStats:
    """The term statistics of consecutive documents' `Gatherer.part()`s, in document order."""
    from generator.search.postings import Collected  # which builds on this module's TermStats

    collected = Collected(spill_from=2**62)
    for part in parts:
        collected.add(part)
    stats = collected.stats()
    assert n_docs is None or stats.n_docs == n_docs
    return stats


def idf(df: int, n_docs: int) -> float:
    return math.log(1 + abs((n_docs - df + 0.5) / (df + 0.5)))


