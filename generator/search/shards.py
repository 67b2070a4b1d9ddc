"""The sharded search index the browser client reads: small script files, loaded on demand.

A page opened from file:// may not fetch() local files, but it may load
<script> files; every file here is one call `ArchiveSearch.receive(name, data)`.
The format is documented in docs/search-format.md.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

import numpy as np

from generator.archive.model import OutputFile, Written
from generator.executors import Executor
from generator.executors.local import LocalPool
from generator.search import encoding, languages, metadata, ranking
from generator.search.documents import BOOSTS, FIELDS, PARALLEL_FROM, SearchDoc
from generator.search.postings import Entries
from generator.search.statistics import K1, B, TermStats

if TYPE_CHECKING:
    from generator.search.state import Packed  # (state.py imports this module)

FORMAT = 3  # 1 had each posting row carry its document's field lengths; 2 no length codes, words or ends files
KEY_LENGTH = 2  # dictionary shards hold the terms that start with the same 2 characters...
SHARD_LIMIT = 48_000  # ...and a shard larger than this (bytes) is split by one more character
INLINE = 64  # postings kept inside the dictionary entry; longer lists go to pages
PAGE = 500  # postings per page file


def hex_key(prefix: str) -> str:
    """A dictionary shard's name: its prefix's UTF-8 bytes in hex (file-name safe)."""
    return prefix.encode("utf-8").hex()


def key_prefix(term: str) -> str:
    """The prefix naming a term's dictionary shard before large shards are split."""
    return term[:KEY_LENGTH]


def key_of(term: str, keys: set[str] | None = None) -> str:
    """The shard holding a term: the one with the longest prefix of it among `keys`."""
    if keys is None:
        return hex_key(term[:KEY_LENGTH])
    for length in range(len(term), 0, -1):
        if hex_key(term[:length]) in keys:
            return hex_key(term[:length])
    return hex_key(term[:KEY_LENGTH])


def _entry_size(term: str, entry: tuple) -> int:
    """About the bytes of a term's entry in a shard's JSON, without encoding it: ~4 bytes a number."""
    _, _, _, numbers, pages = entry
    return len(term.encode("utf-8")) + 16 + 4 * numbers + 40 * len(pages or ())


def _shard_json(entries: dict[str, tuple]) -> str:
    """`_json` of the shard {term: [df, count, inline, pages]}, with the inline rows already JSON."""
    return "{" + ",".join(
        f"{encoding.to_json(term)}:[{df},{count},{inline or 'null'},{encoding.to_json(pages) if pages is not None else 'null'}]"
        for term, (df, count, inline, _, pages) in entries.items()
    ) + "}"


def split(sizes: dict[str, int], prefix: str, limit: int | None = None) -> dict[str, list[str]]:
    """The shards of one prefix's terms (sorted, with their `_entry_size`): each at most
    `limit` bytes (SHARD_LIMIT), a big one split by the next character. Terms no longer
    than the prefix stay in the prefix's own shard."""
    limit = limit if limit is not None else SHARD_LIMIT
    if sum(sizes.values()) <= limit or len(sizes) < 2:
        return {prefix: list(sizes)}
    own = [t for t in sizes if len(t) <= len(prefix)]
    children: dict[str, dict[str, int]] = defaultdict(dict)
    for term, size in sizes.items():
        if len(term) > len(prefix):
            children[term[: len(prefix) + 1]][term] = size
    out = {prefix: own} if own else {}
    for child in sorted(children):
        out.update(split(children[child], child, limit))
    return out


# What a worker makes of a prefix: its files and terms' sizes ("done"), or, for a prefix that
# goes on in the batch before or after, some of its entries and its pages ("piece").
Made = tuple[str, str, object, list[OutputFile | Written]]
Sink = Callable[[OutputFile], object]  # writes a file; what it returns comes back in a `Written`


def _encode(batches: list[list[int]], indices: range, source: TermStats | Entries, proxies: list[float],
            dfs: list[int] | None, sink: Sink | None = None) -> list[Made]:
    """The files of some batches of term ids (sorted by term) of `source`, by prefix, grouping
    their entries first if the source is ungrouped (in the workers, so that both cores group).
    With a `sink`, the workers write the posting pages themselves (most of the index's files:
    written one at a time by the parent they took longer than making them)."""
    names = source.names if isinstance(source, Entries) else source.terms
    out: list[Made] = []
    for number in indices:
        batch = batches[number]
        if isinstance(source, Entries):
            stats = source.select(batch).group()
            entries, pages = _term_entries(list(range(len(batch))), stats, proxies, stats.dfs().tolist())
        else:
            assert dfs is not None
            entries, pages = _term_entries(batch, source, proxies, dfs)
        if sink is not None:
            pages = defaultdict(list, {prefix: [Written(file.path, sink(file)) for file in made]
                                       for prefix, made in pages.items()})
        edges = {names[batches[number - 1][-1]][:KEY_LENGTH] if number else None,
                 names[batches[number + 1][0]][:KEY_LENGTH] if number + 1 < len(batches) else None}
        for prefix in sorted(entries):
            if prefix in edges:
                out.append(("piece", prefix, entries[prefix], pages[prefix]))
            else:
                files, sizes = _closed(prefix, entries[prefix])
                out.append(("done", prefix, sizes, pages[prefix] + files))
    return out


def _grouped(made: Iterable[Made]) -> Iterator[tuple[str, list[OutputFile | Written], dict[str, int] | None]]:
    """Each prefix's files and terms' sizes; a prefix made in pieces has its pages yielded as
    they come (with terms None: it goes on), then its shards once its last piece has come."""
    prefix, entries = None, {}
    for kind, made_prefix, value, files in made:
        if made_prefix != prefix and prefix is not None:
            yield (prefix, *_closed(prefix, entries))
            prefix, entries = None, {}
        if kind == "done":
            yield made_prefix, files, value
        else:
            prefix = made_prefix
            entries.update(value)
            if files:
                yield made_prefix, files, None
    if prefix is not None:
        yield (prefix, *_closed(prefix, entries))


def _closed(prefix: str, entries: dict[str, tuple]) -> tuple[list[OutputFile], dict[str, int]]:
    """A prefix's shards, and its terms' sizes."""
    sizes = {term: _entry_size(term, entry) for term, entry in entries.items()}
    return _shards(prefix, entries, sizes), sizes


def _term_entries(term_ids: list[int], stats: TermStats, proxies: list[float], dfs: list[int]
                  ) -> tuple[dict[str, dict[str, tuple]], dict[str, list[OutputFile]]]:
    """Each term's dictionary entry (df, count, inline rows as JSON, numbers inline, pages), by
    prefix, and the posting pages of the terms with more than INLINE postings, by prefix."""
    terms = stats.terms
    chosen = np.array(term_ids, dtype=np.int64)
    posting_starts = stats.offsets[chosen]
    posting_counts = stats.offsets[chosen + 1] - posting_starts
    rows = ranking.rows_of(stats, posting_starts, posting_counts)
    width = rows.shape[1]
    # Where each term's rows begin; the rows of a term of several pages are put in
    # falling order of impact (the client reads a page whole: shorter lists need no order).
    firsts = np.concatenate(([0], np.cumsum(posting_counts))).tolist()
    counts = posting_counts.tolist()
    paged = np.flatnonzero(posting_counts > PAGE).tolist()
    long_lists = np.flatnonzero(posting_counts > INLINE).tolist()
    row_lengths = ranking.row_lengths(rows, stats.lengths) if long_lists else []
    ends: dict[int, str] = {}  # a paged term's first and last documents, for date order
    if paged:
        impacts = ranking.impacts(rows, row_lengths, proxies)
        for i in paged:
            mine = slice(firsts[i], firsts[i + 1])
            ends[i] = _ends_json(rows[mine, 0])
            order = np.argsort(impacts[mine], kind="stable")
            rows[mine] = rows[mine][order]
            for column in row_lengths:
                column[mine] = column[mine][order]
    # Page bounds for every page at once: per field, the largest tf and the smallest (rounded)
    # length of its rows holding the term.
    page_spans = [(first, min(first + PAGE, firsts[i + 1])) for i in long_lists
                  for first in range(firsts[i], firsts[i + 1], PAGE)]
    page_starts = [first for first, _ in page_spans]
    bounds: dict[int, list[int]] = {}
    if page_spans:
        cuts = sorted({cut for page in page_spans for cut in page})
        cuts = [c for c in cuts if c < len(rows)]
        at = {cut: i for i, cut in enumerate(cuts)}
        columns = []
        for f in range(len(FIELDS)):
            tfs, lengths = rows[:, 1 + f], row_lengths[f]
            shortest = np.minimum.reduceat(np.where(tfs > 0, lengths, np.iinfo(np.int32).max), cuts)
            columns += [np.maximum.reduceat(tfs, cuts), np.where(shortest == np.iinfo(np.int32).max, 0, shortest)]
        table = np.stack(columns, axis=1).tolist()
        bounds = {start: table[at[start]] for start in page_starts}
    text, starts = encoding.row_texts(rows)

    def rows_json(first: int, end: int) -> str:
        return "[" + text[int(starts[first]) : int(starts[end]) - 1] + "]"

    by_prefix: dict[str, dict[str, tuple]] = defaultdict(dict)
    out: dict[str, list[OutputFile]] = defaultdict(list)
    for i, (t, count) in enumerate(zip(term_ids, counts)):
        term = terms[t]
        first = firsts[i]
        if count <= INLINE:
            entry = (dfs[t], count, rows_json(first, first + count), width * count, None)
        else:
            pages = []
            stem = _page_stem(term)
            for number, page in enumerate(range(first, first + count, PAGE)):
                name = f"p/{stem}-{number}"
                size = min(PAGE, first + count - page)
                pages.append([name, size, *bounds[page]])
                out[term[:KEY_LENGTH]].append(encoding.script_of_json(name, rows_json(page, page + size)))
            if i in ends:
                out[term[:KEY_LENGTH]].append(encoding.script_of_json(f"p/{stem}-e", ends[i]))
            entry = (dfs[t], count, None, 0, pages)
        by_prefix[term[:KEY_LENGTH]][term] = entry
    return by_prefix, out


def _ends_json(docs: np.ndarray) -> str:
    """A long posting list's oldest and newest PAGE documents (its documents ascending, as
    counted): `[[first, +gap, ...], [last, -gap, ...]]`, so that a query sorted by date
    reads one small file instead of every page."""
    oldest = docs[:PAGE].astype(np.int64)
    newest = docs[::-1][:PAGE].astype(np.int64)
    return encoding.to_json([np.diff(oldest, prepend=0).tolist(), [int(newest[0]), *(newest[:-1] - newest[1:]).tolist()]])


def _shards(prefix: str, entries: dict[str, tuple], sizes: dict[str, int]) -> list[OutputFile]:
    """The dictionary shards of one prefix's entries (sorted by term)."""
    return [_shard_file(key, {term: entries[term] for term in terms}) for key, terms in split(sizes, prefix).items()]


def _shard_file(key: str, entries: dict[str, tuple]) -> OutputFile:
    return encoding.script_of_json(f"d/{hex_key(key)}", _shard_json(entries), "__proto__" in entries)


def _read_shard(data: bytes) -> dict[str, list]:
    """The data of a dictionary shard file, {term: [df, count, inline, pages]} (the file's inverse)."""
    body = data.decode("utf-8")
    body = body[body.index(",") + 1 : -len(");\n")]
    return json.loads(json.loads(body[len("JSON.parse(") : -1])) if body.startswith("JSON.parse(") else json.loads(body)


def _page_stem(term: str) -> str:
    """What a term's page files are named by: `p/STEM-N`."""
    return hashlib.sha1(term.encode("utf-8")).hexdigest()[:12]


def _batches(terms: list[str], sizes: list[int], count: int) -> list[list[int]]:
    """The term ids, sorted by term, in about `count` batches of similar sizes (postings or
    entries). A large prefix is cut into several: one prefix of a synthetic 100k archive has
    12 M entries, whose rows and texts at once took a worker a gigabyte."""
    target = sum(sizes) / count + 1
    batches, current, size = [], [], 0
    for t in sorted(range(len(terms)), key=terms.__getitem__):
        if size >= target:
            batches.append(current)
            current, size = [], 0
        current.append(t)
        size += sizes[t]
    if current:
        batches.append(current)
    return batches


BATCH = 1_000_000  # postings a batch may hold: its rows are built at once


@dataclass
class Dictionary:
    """What the dictionary of an index is made of: each prefix's files, and the shards' sizes."""

    groups: dict[str, list[str]] = field(default_factory=dict)  # prefix -> paths of its shards and pages
    sizes: dict[str, int] = field(default_factory=dict)  # shard name (`hex_key`) -> bytes
    terms: dict[str, dict[str, int]] = field(default_factory=dict)  # prefix -> its terms' `_entry_size`
    n_docs: int = 0
    averages: list[float] = field(default_factory=lambda: [0.0] * len(FIELDS))
    words: dict = field(default_factory=dict)  # what stats.js says of the words' shards (words.py)
    language: str = "en"  # the archive's (primary subtag): that of articles without `lang`
    languages: list[str] = field(default_factory=lambda: ["en"])  # those of the documents, sorted

    def extend(self, prefix: str, files: list[OutputFile | Written], terms: dict[str, int] | None) -> None:
        """More files of a prefix; its terms with the last of them."""
        self.groups.setdefault(prefix, []).extend(file.path for file in files)
        for file in files:
            if isinstance(file, OutputFile) and file.path.startswith("search/d/"):
                self.sizes[_shard_name(file.path)] = len(file.data)
        if terms is not None:
            self.terms[prefix] = terms

    def add(self, prefix: str, files: list[OutputFile], terms: dict[str, int], kept: list[str] = ()) -> None:
        """A prefix's files and terms, replacing its old ones but for the files `kept`."""
        for old in self.groups.pop(prefix, ()):
            if old.startswith("search/d/") and old not in kept:
                del self.sizes[_shard_name(old)]
        self.terms.pop(prefix, None)
        if terms:
            self.groups[prefix] = list(kept)
            self.extend(prefix, files, terms)


def _shard_name(path: str) -> str:
    """A dictionary shard's name (`hex_key` of its prefix) from its path; `_shard_path`'s inverse."""
    return path[len("search/d/") : -len(".js")]


def _shard_path(name: str) -> str:
    return f"search/d/{name}.js"


def files(stats: TermStats, docs: list[SearchDoc], workers: int | None = None) -> list[OutputFile]:
    """Every file of the sharded index."""
    return list(iter_files(stats, docs, workers))


def iter_files(
    stats: TermStats | Iterable[Entries], docs: list[SearchDoc], workers: int | None = None,
    dictionary: Dictionary | None = None, sink: Sink | None = None, executor: Executor | None = None,
) -> Iterator[OutputFile | Written]:
    """The files of the sharded index as they are made, so that they can be written as they come.

    `stats`: every term's statistics, or the ungrouped entries of successive ranges of whole
    keys (`key_prefix`, `postings.Collected.ranges`), so that only one range is in memory at a time.
    `dictionary`, if given, is filled in as the files are made.
    """
    dictionary = dictionary if dictionary is not None else Dictionary()
    lengths: list[np.ndarray] = []  # every part holds every document's field lengths

    def noting(parts: Iterable[TermStats | Entries]) -> Iterator[TermStats | Entries]:
        for part in parts:
            lengths[:] = part.lengths if isinstance(part, TermStats) else part.field_lengths
            yield part

    for prefix, made, terms in dictionary_files(noting([stats] if isinstance(stats, TermStats) else stats),
                                                dictionary, workers, sink, executor):
        dictionary.extend(prefix, made, terms)
        yield from made
    yield from metadata.doc_files(docs, range(0, len(docs), metadata.CHUNK), dictionary.language)
    yield from metadata.length_files(lengths, range(0, dictionary.n_docs, metadata.LENGTHS))
    yield from metadata.facet_files(docs)
    yield stats_file(dictionary)


def pool_for(executor: Executor | None, jobs: int) -> Executor:
    """Where the search stage's work runs: on a cluster's executor, every partition, however few
    (the bytes are the same wherever they are made); else the local pool, forked only for `jobs` > 1."""
    return executor if executor is not None and getattr(executor, "remote", False) else LocalPool(jobs)


def dictionary_files(
    stats: TermStats | Iterable[TermStats | Entries], dictionary: Dictionary, workers: int | None = None,
    sink: Sink | None = None, executor: Executor | None = None,
) -> Iterator[tuple[str, list[OutputFile | Written], dict[str, int] | None]]:
    """The files of every prefix, made in worker processes (`_grouped`: pages first, a prefix's
    shards and terms last); notes the document count and averages in `dictionary`."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    for part in [stats] if isinstance(stats, TermStats) else stats:
        dictionary.n_docs, dictionary.averages = part.n_docs, part.average_lengths
        proxies = ranking.proxies_of(dictionary.averages)
        jobs = workers if workers > 1 and part.n_docs >= PARALLEL_FROM else 1
        if isinstance(part, TermStats):
            sizes, dfs = np.diff(part.offsets).tolist(), part.dfs().tolist()
            names, postings = part.terms, len(part.docs)
        else:
            sizes, dfs = part.per_term().tolist(), None
            names, postings = part.names, len(part.terms)
        batches = _batches(names, sizes, max(jobs * 4 if jobs > 1 else 1, postings // BATCH + 1))
        job = (part, proxies, dfs, sink)
        chunks = [range(i, i + 1) for i in range(len(batches))]
        pool = pool_for(executor, jobs)
        yield from _grouped(one for made in pool.map(_encode, batches, job, chunks=chunks, ordered=True)
                            for one in made)
        del part, job, batches


def updated_prefixes(entries: Packed, touched: set[str], proxies: list[float], previous: Dictionary,
                     read: Callable[[str], bytes]) -> list[tuple[str, list[OutputFile], dict[str, int], list[str]]]:
    """After an edit, the prefixes of the `touched` terms (those an edited document had or
    has): their new files, terms, and the files they keep. Only the touched terms are
    encoded again; while a prefix splits into the same shards, only the shards of
    touched terms are made again, the other terms' entries in them read back from the
    previous build's shards (`read(path)`). The files are those `dictionary_files` would make."""
    counts = entries.counts
    names = entries.names
    ids = sorted((t for t, name in enumerate(names) if name in touched and counts[t]), key=names.__getitem__)
    fresh: dict[str, dict[str, tuple]] = defaultdict(dict)
    pages: dict[str, list[OutputFile]] = defaultdict(list)
    if ids:
        stats = entries.select(ids).group()
        made, pages = _term_entries(list(range(len(ids))), stats, proxies, stats.dfs().tolist())
        fresh.update(made)
    stems = {_page_stem(term) for term in touched}
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for term in touched:
        by_prefix[term[:KEY_LENGTH]].append(term)
    out = []
    for prefix in sorted(by_prefix):
        group = previous.groups.get(prefix, ())
        old_shards = {_shard_name(path) for path in group if path.startswith("search/d/")}
        mine = fresh[prefix]
        terms = {term: size for term, size in previous.terms.get(prefix, {}).items() if term not in touched}
        terms.update((term, _entry_size(term, entry)) for term, entry in mine.items())
        terms = dict(sorted(terms.items()))
        shards = {hex_key(key): members for key, members in (split(terms, prefix) if terms else {}).items()}
        # The same shards as before: each term is where it was, so only the shards that held or
        # hold a touched term change. Otherwise every shard of the prefix is made again.
        dirty = {key_of(term, old_shards) for term in by_prefix[prefix]} if shards.keys() == old_shards else set(shards)
        kept = [path for path in group
                if path.startswith("search/p/") and path[len("search/p/") :].rsplit("-", 1)[0] not in stems]
        files = list(pages[prefix])
        parsed: dict[str, dict[str, list]] = {}
        for name, members in shards.items():
            if name not in dirty:
                kept.append(_shard_path(name))
                continue
            shard = {}
            for term in members:
                if term in mine:
                    df, count, inline, _, term_pages = mine[term]
                    shard[term] = [df, count, json.loads(inline) if inline else None, term_pages]
                else:
                    source = key_of(term, old_shards)
                    if source not in parsed:
                        parsed[source] = _read_shard(read(_shard_path(source)))
                    shard[term] = parsed[source][term]
            files.append(encoding.script(f"d/{name}", shard))
        out.append((prefix, files, terms, kept))
    return out


def stats_file(dictionary: Dictionary) -> OutputFile:
    keys = sorted(dictionary.sizes)
    default = languages.analyzer(dictionary.language)
    described = {}
    if dictionary.languages != [languages.ENGLISH] or default.lang != languages.ENGLISH:
        # Besides English alone: how each language's words became terms (docs/search-format.md).
        described = {"language": default.lang, "languages": {
            lang: {"name": languages.name(lang), "stemmer": languages.analyzer(lang).stemmer,
                   "stopWords": sorted(languages.analyzer(lang).stop_words)}
            for lang in sorted(set(dictionary.languages) | {default.lang})}}
    return encoding.script("stats", {
        "format": FORMAT,
        "docs": dictionary.n_docs,
        "fields": list(FIELDS),
        "boosts": list(BOOSTS),
        "averages": dictionary.averages,
        "k1": K1,
        "b": B,
        "keyLength": KEY_LENGTH,
        "keys": keys,
        "sizes": [dictionary.sizes[key] for key in keys],  # bytes, so a client can refuse a query that reads too much
        "stopWords": sorted(default.stop_words),
        "chunk": metadata.CHUNK,
        "lengthChunk": metadata.LENGTHS,
        "lengthSteps": ranking.LENGTH_STEPS.tolist(),
        "words": dictionary.words,
        **described,
    })
