"""Counted entries grouped into postings, all at once or a range of terms at a time.

Workers count documents into parts (`statistics.count_texts`); `Collected.add`
numbers each part's terms globally and keeps its entries (term, document ·
fields + field, frequency) in document order: in memory while they are few,
in a temporary folder beyond that. `stats()` groups every entry at once (what
lunr-index.json needs); `ranges()` groups the terms of a few key prefixes at a
time, all the sharded index needs, so that memory holds one range's postings
(at 100k articles there are 44 M entries; grouping all of them took gigabytes).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

import numpy as np

if TYPE_CHECKING:
    import tempfile

from generator.search.documents import FIELDS
from generator.search.statistics import TermStats, average_lengths

SPILL_FROM = 16_000_000  # entries kept in memory; beyond, every part goes to a temporary file
RANGE = 6_000_000  # entries grouped at a time by `ranges` (the grouping takes about 40 bytes an entry)
SLICE = 1 << 22  # entries of a group walked at a time, so that no temporary is as long as all of them


class Collected:
    """The counted parts of consecutive documents, with their terms numbered across parts."""

    def __init__(self, spill_from: int | None = None) -> None:
        self.numbers: dict[str, int] = {}
        self.spill_from = spill_from if spill_from is not None else SPILL_FROM
        self.per_term = np.zeros(0, dtype=np.int64)  # entries of each term
        self.n_entries = 0
        self._lengths: list[np.ndarray] = []  # each part's field lengths, (document, field) in order
        self._rows = 0
        self._parts: list[np.ndarray] = []  # in memory: each part's (3, entries) terms, rows, frequencies
        self._folder: tempfile.TemporaryDirectory | None = None
        self._files: list[Path] = []

    def add(self, part: tuple) -> None:
        """One `Gatherer.part()`: the parts come in document order."""
        vocabulary, terms, tfs, sizes, lengths = part
        numbers = self.numbers
        local = np.fromiter((numbers.setdefault(t, len(numbers)) for t in vocabulary), np.int32, len(vocabulary))
        terms = local[terms]
        rows = np.repeat(np.arange(self._rows, self._rows + len(sizes), dtype=np.int32), sizes)
        self._rows += len(sizes)
        self._lengths.append(lengths)
        counts = np.bincount(terms, minlength=len(numbers))
        counts[: len(self.per_term)] += self.per_term
        self.per_term = counts
        self.n_entries += len(terms)
        entries = np.stack([terms, rows, np.asarray(tfs, dtype=np.int32)])
        if self._folder is None and self.n_entries > self.spill_from:
            import tempfile  # here: only archives of some 35,000 articles and more spill (8 ms to import)

            self._folder = tempfile.TemporaryDirectory(prefix="archive-search-")
            for kept in self._parts:
                self._spill(kept)
            self._parts = []
        if self._folder is not None:
            self._spill(entries)
        else:
            self._parts.append(entries)

    def _spill(self, entries: np.ndarray) -> None:
        assert self._folder is not None
        path = Path(self._folder.name) / f"{len(self._files)}.npy"
        np.save(path, entries)
        self._files.append(path)

    def close(self) -> None:
        """Remove the temporary files, if any."""
        if self._folder is not None:
            self._folder.cleanup()
            self._folder, self._files = None, []

    def _entries(self) -> Iterator[np.ndarray]:
        yield from self._parts
        for path in self._files:
            yield np.load(path)

    @property
    def spilled(self) -> bool:
        return self._folder is not None

    @property
    def n_docs(self) -> int:
        return self._rows // len(FIELDS)

    def _field_lengths(self) -> list[np.ndarray]:
        lengths = np.concatenate(self._lengths) if self._lengths else np.zeros(0, np.int32)
        return [np.ascontiguousarray(lengths[f :: len(FIELDS)]) for f in range(len(FIELDS))]

    def stats(self) -> TermStats:
        """Every term's postings."""
        return self.entries().group()

    def entries(self) -> Entries:
        """Every entry, not grouped."""
        parts = list(self._entries())
        entries = np.concatenate(parts, axis=1) if parts else np.zeros((3, 0), np.int32)
        del parts
        return Entries(list(self.numbers), entries[0], entries[1], entries[2], self.n_docs, self._field_lengths())

    def ranges(self, key: Callable[[str], str], limit: int | None = None) -> Iterator[Entries]:
        """The entries of successive ranges of terms, each of whole keys (terms sorted, cut between
        keys) and of at most `limit` entries unless one key has more; at least one range."""
        names = list(self.numbers)
        cut = _cut(names, self.per_term, key, limit if limit is not None else RANGE)
        if len(cut) == 1:
            yield self.entries()  # nothing to select
            return
        field_lengths = self._field_lengths()
        for ids in cut:
            local = _local_ids(len(names), ids)
            chosen = [np.zeros((3, 0), np.int32)]
            for entries in self._entries():
                mine = local[entries[0]]
                wanted = mine >= 0
                chosen.append(np.stack([mine[wanted], entries[1][wanted], entries[2][wanted]]))
            terms, rows, tfs = np.concatenate(chosen, axis=1)
            del chosen
            yield Entries([names[t] for t in ids], terms, rows, tfs, self.n_docs, field_lengths)


@dataclass
class Entries:
    """Counted entries of some terms, in (document, field) order, not yet grouped into postings:
    `terms` index `names`, `rows` are document * fields + field, `tfs` the frequencies."""

    names: list[str]
    terms: np.ndarray
    rows: np.ndarray
    tfs: np.ndarray
    n_docs: int
    field_lengths: list[np.ndarray]

    @property
    def average_lengths(self) -> list[float]:
        return average_lengths(self.field_lengths, self.n_docs)

    def group(self) -> TermStats:
        return group(self.names, self.terms, self.rows, self.tfs, self.n_docs, self.field_lengths)

    def per_term(self) -> np.ndarray:
        """The entries of each term."""
        return np.bincount(self.terms, minlength=len(self.names))

    def select(self, ids: list[int]) -> Entries:
        """The entries of the terms `ids` (which the result's names follow)."""
        mine = _local_ids(len(self.names), ids)[self.terms]
        wanted = mine >= 0
        return Entries([self.names[t] for t in ids], mine[wanted], self.rows[wanted], self.tfs[wanted],
                       self.n_docs, self.field_lengths)


def _local_ids(count: int, ids: list[int]) -> np.ndarray:
    """For each of `count` term ids, its position in `ids`, or -1."""
    local = np.full(count, -1, dtype=np.int32)
    local[ids] = np.arange(len(ids), dtype=np.int32)
    return local


def _cut(names: list[str], per_term: np.ndarray, key: Callable[[str], str], limit: int) -> list[list[int]]:
    """Term ids sorted by term, cut into runs of whole keys of at most `limit` entries where possible."""
    ranges: list[list[int]] = [[]]
    size, current = 0, None
    counts = per_term.tolist()
    for t in sorted(range(len(names)), key=names.__getitem__):
        k = key(names[t])
        if k != current:
            if size and size + counts[t] > limit:
                ranges.append([])
                size = 0
            current = k
        ranges[-1].append(t)
        size += counts[t]
    return ranges


def _stable_order(keys: np.ndarray, bound: int) -> np.ndarray:
    """np.argsort(keys, kind="stable") for keys in [0, bound), by 16-bit radix passes."""
    if bound <= 1 << 16:
        return np.argsort(keys.astype(np.uint16), kind="stable")
    order = np.argsort((keys & 0xFFFF).astype(np.uint16), kind="stable")
    high = (keys >> 16)[order]
    if bound <= 1 << 32:
        return order[np.argsort(high.astype(np.uint16), kind="stable")]
    return order[np.argsort(high, kind="stable")]


def group(names: list[str], terms: np.ndarray, rows: np.ndarray, tfs: np.ndarray, n_docs: int,
          field_lengths: list[np.ndarray]) -> TermStats:
    """The postings of entries in (document, field) order: `terms` index `names`, `rows` are
    document * fields + field, `tfs` the frequencies."""
    n_fields = len(FIELDS)
    n_terms = len(names)
    if len(tfs) and int(tfs.max()) <= np.iinfo(np.uint16).max:
        tfs = tfs.astype(np.uint16)  # half the memory; a term is rarely 65,536 times in one field
    n_entries = len(terms)
    # Entries come in (document, field) order; a stable sort by term keeps that order within a term.
    order = _stable_order(terms, n_terms)
    order = order.astype(np.int32) if n_entries < 2**31 else order
    group_sizes = np.bincount(terms, minlength=n_terms)
    del terms
    term_starts = np.zeros(n_terms, dtype=np.int64)  # where each term's entries start, in sorted order
    np.cumsum(group_sizes[:-1], out=term_starts[1:])
    first_seen = np.argsort(order[term_starts], kind="stable").astype(np.int32)
    # Pass 1: the sorted entries that start a posting (a new term, or a new document of the same term).
    new = np.zeros(n_entries, dtype=bool)
    new[term_starts] = True
    for start in range(0, n_entries, SLICE):
        end = min(start + SLICE, n_entries)
        before = max(start - 1, 0)
        docs = rows[order[before:end]] // n_fields
        new[before + 1 : end] |= docs[1:] != docs[:-1]
    per_term = np.add.reduceat(new, term_starts, dtype=np.int64) if n_terms else np.zeros(0, np.int64)
    offsets = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(per_term, out=offsets[1:])
    n_postings = int(offsets[-1])
    # Pass 2: each posting's document and its frequency in each field.
    posting_docs = np.empty(n_postings, dtype=np.int32)
    posting_tfs = np.zeros((n_fields, n_postings), dtype=tfs.dtype)
    done = 0
    for start in range(0, n_entries, SLICE):
        end = min(start + SLICE, n_entries)
        index = order[start:end]
        slice_rows = rows[index]
        starting = new[start:end]
        posting = np.cumsum(starting, dtype=np.int64) + (done - 1)
        count = int(posting[-1]) + 1 - done
        posting_docs[done : done + count] = slice_rows[starting] // n_fields
        posting_tfs[slice_rows % n_fields, posting] = tfs[index]
        done += count
    return TermStats(
        n_docs=n_docs,
        lengths=field_lengths,
        terms=names,
        first_seen=first_seen,
        offsets=offsets,
        docs=posting_docs,
        tfs=posting_tfs,
    )
