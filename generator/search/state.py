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

from generator import cache
from generator.search.documents import FIELDS, SearchDoc
from generator.search.postings import Entries
from generator.search.shards import Dictionary

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
class State:
    version: bytes  # what every file depends on besides the documents: code, links, options
    keys: list  # per document id: what it was counted from
    entries: Entries  # every document's entries, in (document, field) order
    docs: Docs
    dictionary: Dictionary
    facets: dict[str, bytes]  # path -> bytes of every facet file (facets.js too)
    paths: set[str] = field(default_factory=set)  # every search file
    fingerprint: str = ""  # the manifest's fingerprint of these files

    def save(self, path: Path) -> None:
        cache.save_checked(path, self)

    def __getstate__(self) -> dict:
        # Smaller and faster to load: rows as the entries per row, documents as tuples.
        state = dict(self.__dict__)
        entries = self.entries
        per_row = np.bincount(entries.rows, minlength=entries.n_docs * len(FIELDS)).astype(np.int32)
        small = len(entries.tfs) == 0 or int(entries.tfs.max()) <= np.iinfo(np.uint16).max
        tfs = entries.tfs.astype(np.uint16) if small else entries.tfs
        terms = entries.terms.astype(np.uint16) if len(entries.names) <= 1 << 16 else entries.terms
        state["entries"] = (entries.names, terms, per_row, tfs, entries.n_docs, entries.field_lengths)
        return state

    def __setstate__(self, state: dict) -> None:
        names, terms, per_row, tfs, n_docs, lengths = state["entries"]
        rows = np.repeat(np.arange(len(per_row), dtype=np.int32), per_row)
        state["entries"] = Entries(names, terms.astype(np.int32), rows, tfs.astype(np.int32), n_docs, lengths)
        self.__dict__.update(state)


def load(path: Path, version: bytes) -> State | None:
    state = cache.load_checked(path)
    return state if isinstance(state, State) and state.version == version else None


def spliced(entries: Entries, changed: list[int], part: tuple) -> tuple[Entries, set[str], set[str]]:
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
    new_terms = mapped[local]
    field_rows = (np.asarray(changed, dtype=np.int32)[:, None] * n_fields + np.arange(n_fields, dtype=np.int32)).ravel()
    new_rows = np.repeat(field_rows, sizes)
    new_starts = np.concatenate(([0], np.cumsum(sizes.reshape(-1, n_fields).sum(axis=1))))
    touched = set(np.unique(new_terms).tolist())
    recounted: set[int] = set()
    pieces: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    at = 0
    for k, doc in enumerate(changed):
        # Keys of the rows' own type: a list would make numpy convert all of the rows first.
        bounds = np.array([doc * n_fields, (doc + 1) * n_fields], dtype=entries.rows.dtype)
        low, high = np.searchsorted(entries.rows, bounds).tolist()
        touched.update(np.unique(entries.terms[low:high]).tolist())
        mine = slice(new_starts[k], new_starts[k + 1])
        new_counts = (new_terms[mine], new_rows[mine], np.asarray(tfs[mine], dtype=entries.tfs.dtype))
        old_counts = zip(*(column.tolist() for column in (entries.terms[low:high], entries.rows[low:high],
                                                          entries.tfs[low:high])))
        recounted.update(t for t, _, _ in set(old_counts) ^ set(zip(*(c.tolist() for c in new_counts))))
        pieces.append((entries.terms[at:low], entries.rows[at:low], entries.tfs[at:low]))
        pieces.append(new_counts)
        at = high
    pieces.append((entries.terms[at:], entries.rows[at:], entries.tfs[at:]))
    terms, rows, counts = (np.concatenate(column) for column in zip(*pieces))
    field_lengths = [column.copy() for column in entries.field_lengths]
    for k, doc in enumerate(changed):
        for f in range(n_fields):
            field_lengths[f][doc] = lengths[k * n_fields + f]
    touched_names = {names[t] for t in touched}
    recounted_names = {names[t] for t in recounted}
    # Drop the terms no document holds any more.
    present = np.bincount(terms, minlength=len(names)) > 0
    if not present.all():
        renumber = np.cumsum(present, dtype=np.int32) - 1
        terms = renumber[terms]
        names = [name for name, kept in zip(names, present.tolist()) if kept]
    return Entries(names, terms, rows, counts, entries.n_docs, field_lengths), touched_names, recounted_names
