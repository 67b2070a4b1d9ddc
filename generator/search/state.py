"""What the last build's search index was made of, so that an edit re-encodes only its own terms.

The sharded format keeps raw counts (docs/search-format.md), so an edited
article changes only the files of the terms it had or has, its metadata
chunk, the facets and stats.js. To make just those, the next build needs
every document's counted entries (not grouped into postings), the key each
document was counted from (its article's digest), the documents' metadata,
and which files each prefix of terms made. That is this state, one checked
pickle per output folder under ROOT/.cache/build/search/ (a damaged one is
ignored, never unpickled), written after the site's commit.

Above STATE_LIMIT entries (about 35,000 articles) no state is kept: it would
be gigabytes, and such a build counts the whole index again.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np

from generator.incremental import cache
from generator.search.documents import FIELDS, SearchDoc
from generator.search.postings import Entries, group
from generator.search.shards import Dictionary
from generator.search.statistics import TermStats, average_lengths
from generator.search.words import Words

STATE_LIMIT = 16_000_000  # entries


class Docs(Sequence):
    """The documents' metadata, kept pickled a chunk at a time and unpickled when read: an
    update reads and changes a few of 10,000s (all of them took a tenth of a second)."""

    CHUNK = 64

    def __init__(self, chunks: list[bytes], count: int):
        self._chunks, self._count = chunks, count
        self._open: dict[int, list[SearchDoc]] = {}

    @classmethod
    def of(cls, docs: Sequence[SearchDoc]) -> Docs:
        return cls([_pickled(docs[at : at + cls.CHUNK]) for at in range(0, len(docs), cls.CHUNK)], len(docs))

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if not -self._count <= index < self._count:
            raise IndexError(index)
        index %= self._count
        number = index // self.CHUNK
        if number not in self._open:
            self._open[number] = [SearchDoc(*values) for values in pickle.loads(self._chunks[number])]
        return self._open[number][index % self.CHUNK]

    def replaced(self, docs: Mapping[int, SearchDoc]) -> Docs:
        """These documents with some replaced (by document number)."""
        chunks = list(self._chunks)
        for number in {n // self.CHUNK for n in docs}:
            start = number * self.CHUNK
            chunk = self[start : start + self.CHUNK]
            for n, doc in docs.items():
                if n // self.CHUNK == number:
                    chunk[n - start] = doc
            chunks[number] = _pickled(chunk)
        return Docs(chunks, self._count)

    def __getstate__(self) -> dict:
        return {"_chunks": self._chunks, "_count": self._count}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _open={})


def _pickled(docs: Iterable[SearchDoc]) -> bytes:
    return pickle.dumps([tuple(doc.__dict__.values()) for doc in docs], protocol=5)  # in field order


@dataclass
class Packed:
    """Every document's entries (`postings.Entries`) as the state keeps them: terms and
    frequencies in 8 or 16 bits while they fit, and a count of entries per (document, field) row
    instead of a row per entry. A third of the bytes to load and to copy when an edit splices
    its entries in (both were a tenth of a second at 10k articles, mostly in fresh pages)."""

    names: list[str]
    terms: np.ndarray
    per_row: np.ndarray  # entries of each row (document * fields + field)
    tfs: np.ndarray
    n_docs: int
    field_lengths: list[np.ndarray]
    counts: np.ndarray  # entries of each term

    @classmethod
    def of(cls, entries: Entries) -> Packed:
        per_row = np.bincount(entries.rows, minlength=entries.n_docs * len(FIELDS)).astype(np.int32)
        return cls(entries.names, _narrow(entries.terms, len(entries.names)), per_row,
                   _narrow(entries.tfs, int(entries.tfs.max()) + 1 if len(entries.tfs) else 0),
                   entries.n_docs, entries.field_lengths, entries.per_term())

    @property
    def average_lengths(self) -> list[float]:
        return average_lengths(self.field_lengths, self.n_docs)

    def starts(self) -> np.ndarray:
        """Where each row's entries start, and the end."""
        starts = np.zeros(len(self.per_row) + 1, dtype=np.int64)
        np.cumsum(self.per_row, out=starts[1:])
        return starts

    def select(self, ids: list[int]) -> Entries:
        """`Entries.select`: only the selected entries are widened."""
        wanted = np.zeros(len(self.names), dtype=bool)
        wanted[ids] = True
        at = np.flatnonzero(wanted[self.terms])
        local = np.full(len(self.names), -1, dtype=np.int32)
        local[ids] = np.arange(len(ids), dtype=np.int32)
        rows = (np.searchsorted(self.starts(), at, side="right") - 1).astype(np.int32)
        return Entries([self.names[t] for t in ids], local[self.terms[at]], rows, self.tfs[at].astype(np.int32),
                       self.n_docs, self.field_lengths)

    def group(self) -> TermStats:
        rows = np.repeat(np.arange(len(self.per_row), dtype=np.int32), self.per_row)
        return group(self.names, self.terms.astype(np.int32), rows, self.tfs.astype(np.int32), self.n_docs,
                     self.field_lengths)


def _narrow(values: np.ndarray, bound: int) -> np.ndarray:
    """Values in [0, bound) as 8- or 16-bit numbers if they fit, else 32-bit."""
    return values.astype(np.uint8 if bound <= 1 << 8 else np.uint16 if bound <= 1 << 16 else np.int32, copy=False)


@dataclass
class State:
    version: bytes  # what every file depends on besides the documents: code, links, options
    keys: list  # per document id: what it was counted from
    entries: Packed  # every document's entries, in (document, field) order
    docs: Docs
    dictionary: Dictionary
    facets: dict[str, bytes]  # path -> bytes of every facet file (facets.js too)
    paths: set[str] = field(default_factory=set)  # every search file
    words: Words = field(default_factory=Words)  # the archive's words, each document's kept (words.py)
    fingerprint: str = ""  # the manifest's fingerprint of these files
    language: str = "en"  # the archive's: that of its articles without `lang`

    def save(self, path: Path) -> None:
        cache.save_checked(path, self)


def load(path: Path, version: bytes) -> State | None:
    return usable(cache.load_checked(path), version)


def usable(state: object, version: bytes) -> State | None:
    """A loaded state, if it is one made for `version`."""
    return state if isinstance(state, State) and state.version == version else None


def spliced(entries: Packed, changed: list[int], part: tuple) -> tuple[Packed, set[str], set[str]]:
    """The entries with those of the documents `changed` (ascending ids) replaced by a part
    counted from their new texts (`statistics.count_texts`); the terms they had or have; and
    of those, the terms whose counts in them changed.

    Terms left with no entry are dropped, so the result is what counting every
    document afresh would give, up to the numbering of terms (which no file shows).
    """
    vocabulary, local, tfs, sizes, lengths = part
    n_fields = len(FIELDS)
    names = list(entries.names)
    numbers = {name: t for t, name in enumerate(names)}
    mapped = np.fromiter((numbers.setdefault(t, len(numbers)) for t in vocabulary), np.int32, len(vocabulary))
    names.extend(list(numbers)[len(names) :])
    new_terms, new_tfs = mapped[local], np.asarray(tfs)
    # The old entries' types, unless the new ones do not fit.
    term_type = entries.terms.dtype if len(names) <= np.iinfo(entries.terms.dtype).max + 1 else np.dtype(np.int32)
    fits = not len(new_tfs) or int(new_tfs.max()) <= np.iinfo(entries.tfs.dtype).max
    tf_type = entries.tfs.dtype if fits else np.dtype(np.int32)
    new_starts = np.concatenate(([0], np.cumsum(sizes.reshape(-1, n_fields).sum(axis=1))))
    starts = entries.starts()
    per_row = entries.per_row.copy()
    per_term = np.zeros(len(names), dtype=np.int64)  # entries of each term, the edited ones' changed below
    per_term[: len(entries.names)] = entries.counts
    np.add.at(per_term, new_terms, 1)
    touched = set(new_terms.tolist())  # (not np.unique: its first call imports numpy.ma, 20 ms)
    recounted: set[int] = set()
    pieces: list[tuple[np.ndarray, np.ndarray]] = []
    at = 0
    for k, doc in enumerate(changed):
        first = doc * n_fields
        low, high = int(starts[first]), int(starts[first + n_fields])
        old_terms, old_tfs = entries.terms[low:high], entries.tfs[low:high]
        touched.update(old_terms.tolist())
        mine = slice(new_starts[k], new_starts[k + 1])
        old_fields = np.repeat(np.arange(n_fields), entries.per_row[first : first + n_fields]).tolist()
        new_fields = np.repeat(np.arange(n_fields), sizes[k * n_fields : (k + 1) * n_fields]).tolist()
        old_counts = set(zip(old_terms.tolist(), old_fields, old_tfs.tolist()))
        new_counts = set(zip(new_terms[mine].tolist(), new_fields, new_tfs[mine].tolist()))
        recounted.update(t for t, _, _ in old_counts ^ new_counts)
        np.subtract.at(per_term, old_terms, 1)
        per_row[first : first + n_fields] = sizes[k * n_fields : (k + 1) * n_fields]
        pieces.append((entries.terms[at:low], entries.tfs[at:low]))
        pieces.append((new_terms[mine].astype(term_type), new_tfs[mine].astype(tf_type)))
        at = high
    pieces.append((entries.terms[at:], entries.tfs[at:]))
    terms = np.concatenate([piece[0] for piece in pieces], dtype=term_type)
    counts = np.concatenate([piece[1] for piece in pieces], dtype=tf_type)
    field_lengths = [column.copy() for column in entries.field_lengths]
    for k, doc in enumerate(changed):
        for f in range(n_fields):
            field_lengths[f][doc] = lengths[k * n_fields + f]
    touched_names = {names[t] for t in touched}
    recounted_names = {names[t] for t in recounted}
    # Drop the terms no document holds any more.
    present = per_term > 0
    if not present.all():
        renumber = (np.cumsum(present) - 1).astype(terms.dtype)
        terms = renumber[terms]
        names = [name for name, kept in zip(names, present.tolist()) if kept]
        per_term = per_term[present]
    packed = Packed(names, terms, per_row, counts, entries.n_docs, field_lengths, per_term)
    return packed, touched_names, recounted_names
