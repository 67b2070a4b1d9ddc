"""The archive's words: each surface form the articles use, its indexed term and how many
articles hold it, published sharded by prefix (`w/HEX.js`, docs/search-format.md).

The index holds stems (`hurrican`), which a reader never types; this map holds what they
type (`hurricane`, `hurricanes`). The client reads it to offer "did you mean" for a word
the index lacks, loading a few small shards only; a client that analyses queries
per language can look a typed word's term up here instead of stemming it.

An edit changes the counts of the words it adds or removes, so the state keeps each
document's words (`Words.ids`) and an update makes again only the shards of the prefixes
whose words' counts changed: the same files a cold build makes.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

import numpy as np

from generator.archive.model import OutputFile
from generator.search.encoding import script_of_json
from generator.search.shards import KEY_LENGTH, hex_key

LIMIT = 8_000  # bytes: a prefix's shard larger than this is split by one more character
KEEP_PAIRS = 16_000_000  # (document, word) pairs kept for updates; beyond, only the counts (no state then)
FORMAT = 1


def _path(name: str) -> str:
    return f"search/w/{name}.js"


_ESCAPED = re.compile(r'["\\\x00-\x1f]')  # what json.dumps escapes when it keeps non-ASCII


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False) if _ESCAPED.search(text) else f'"{text}"'


def entry_json(word: str, term: str, count: int) -> str:
    """A word's entry: `"word":[count]`, or `"word":[count,"term"]` when its term differs."""
    return f"{_quoted(word)}:[{count}]" if term == word else f"{_quoted(word)}:[{count},{_quoted(term)}]"


def readings_json(word: str, readings: list[tuple[str, str, int]], default: str) -> str:
    """A word's entry from its readings (language, term, count), the default language's first:
    `entry_json` when that is the only one, else `"word":[count,"term","lang",...]`."""
    if len(readings) == 1 and readings[0][0] == default:
        return entry_json(word, readings[0][1], readings[0][2])
    return f"{_quoted(word)}:[" + ",".join(f'{count},{_quoted(term)},"{lang}"' for lang, term, count in readings) + "]"


def _split(words: list[str], cumulative: list[int], low: int, high: int, prefix: str, out: dict) -> None:
    """`shards.split` of the sorted words[low:high] (those starting with `prefix`), faster:
    the words of one longer prefix are a run of the sorted list, its size a difference of sums."""
    if cumulative[high] - cumulative[low] <= LIMIT or high - low < 2:
        out[prefix] = words[low:high]
        return
    if words[low] == prefix:  # a word no longer than the prefix stays in its shard
        out[prefix] = [prefix]
        low += 1
    while low < high:
        child = words[low][: len(prefix) + 1]
        end = low + 1
        while end < high and words[end].startswith(child):
            end += 1
        _split(words, cumulative, low, end, child, out)
        low = end


@dataclass
class Words:
    """Every word met, numbered as met: its term and document count, and (while kept) each
    document's word numbers. `shards`: each prefix's shard names; `sizes`: their bytes."""

    names: list[str] = field(default_factory=list)  # a word met in several languages is here once for each
    terms: list[str] = field(default_factory=list)
    langs: list[str] = field(default_factory=list)  # the language each was met in
    default: str = "en"  # the archive's language, whose reading of a word comes first
    counts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    per_doc: list[np.ndarray] | None = field(default_factory=list)  # per part: words of each document
    ids: list[np.ndarray] | None = field(default_factory=list)  # per part: their word numbers
    shards: dict[str, list[str]] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    _numbers: dict[tuple[str, str], int] = field(default_factory=dict, repr=False)
    _pairs: int = 0

    def add(self, part: tuple, n_docs: int) -> None:
        """The words of the next `n_docs` documents (`statistics.count_texts_and_words`)."""
        names, terms, langs, docs, local = part
        mapped = self._numbered(self._numbers, names, terms, langs)[local]
        counts = np.bincount(mapped, minlength=len(self.names))
        counts[: len(self.counts)] += self.counts
        self.counts = counts
        self._pairs += len(mapped)
        if self.ids is not None and self._pairs > KEEP_PAIRS:
            self.per_doc = self.ids = None
        if self.ids is not None:
            self.per_doc.append(np.bincount(docs, minlength=n_docs).astype(np.int32))
            self.ids.append(mapped)

    @property
    def kept(self) -> bool:
        return self.ids is not None

    def packed(self) -> Words:
        """The same words with the documents' word numbers in one array (what a state keeps)."""
        assert self.ids is not None and self.per_doc is not None
        ids = np.concatenate(self.ids) if self.ids else np.zeros(0, np.int32)
        per_doc = np.concatenate(self.per_doc) if self.per_doc else np.zeros(0, np.int32)
        return Words(self.names, self.terms, self.langs, self.default, self.counts, [per_doc],
                     [_narrow(ids, len(self.names))], dict(self.shards), dict(self.sizes))

    def files(self, prefixes: Iterable[str] | None = None) -> list[OutputFile]:
        """The shards of these prefixes (all: every prefix), noting their names and sizes."""
        wanted = None if prefixes is None else set(prefixes)
        groups: dict[str, list[int]] = defaultdict(list)
        counts = self.counts.tolist()
        for number, name in enumerate(self.names):
            if counts[number] and (wanted is None or name[:KEY_LENGTH] in wanted):
                groups[name[:KEY_LENGTH]].append(number)
        out = []
        several = not set(self.langs) <= {self.default}
        for prefix in sorted(groups if wanted is None else wanted):
            for old in self.shards.pop(prefix, ()):
                del self.sizes[old]
            members = sorted(groups.get(prefix, ()), key=self._order)
            if not members:
                continue
            if not several:  # the archive's language alone: each word has one reading
                entries = {self.names[n]: entry_json(self.names[n], self.terms[n], counts[n]) for n in members}
            else:
                readings: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
                for n in members:
                    readings[self.names[n]].append((self.langs[n], self.terms[n], counts[n]))
                entries = {word: readings_json(word, found, self.default) for word, found in readings.items()}
            ordered = list(entries)
            cumulative = [0, *itertools.accumulate(len(text.encode("utf-8")) + 1 for text in entries.values())]
            split: dict[str, list[str]] = {}
            _split(ordered, cumulative, 0, len(ordered), prefix, split)
            self.shards[prefix] = []
            for key, words in split.items():
                name = hex_key(key)
                body = "{" + ",".join(entries[w] for w in words) + "}"
                file = script_of_json(f"w/{name}", body, "__proto__" in words)
                self.shards[prefix].append(name)
                self.sizes[name] = len(file.data)
                out.append(file)
        return out

    def _order(self, number: int) -> tuple:
        """A word's readings together, the default language's first."""
        lang = self.langs[number]
        return self.names[number], lang != self.default, lang

    def _numbered(self, numbers: dict, names: list[str], terms: list, langs: list[str]) -> np.ndarray:
        """The number of each (word, language) of a part, the new ones (with their terms) added."""
        known, known_terms, known_langs = self.names, self.terms, self.langs
        for key in zip(names, langs, terms):
            if key[:2] not in numbers:
                numbers[key[:2]] = len(known)
                known.append(key[0])
                known_terms.append(key[2])
                known_langs.append(key[1])
        return np.fromiter((numbers[key] for key in zip(names, langs)), np.int32, len(names))

    def paths(self) -> set[str]:
        return {_path(name) for name in self.sizes}

    def spliced(self, changed: list[int], part: tuple) -> tuple[Words, set[str]]:
        """These words with those of the documents `changed` (ascending) replaced by the words
        counted from their new texts; and the prefixes whose words' counts changed."""
        assert self.ids is not None and self.per_doc is not None
        names, terms, langs, docs, local = part
        out = Words(list(self.names), list(self.terms), list(self.langs), self.default, self.counts.copy(), None,
                    None, dict(self.shards), dict(self.sizes))
        numbers = {key: n for n, key in enumerate(zip(out.names, out.langs))}
        mapped = out._numbered(numbers, names, terms, langs)[local]
        counts = np.zeros(len(out.names), dtype=np.int64)
        counts[: len(out.counts)] = out.counts
        per_doc, ids = self.per_doc[0].copy(), self.ids[0]
        starts = np.concatenate(([0], np.cumsum(per_doc, dtype=np.int64)))
        new_starts = np.concatenate(([0], np.cumsum(np.bincount(docs, minlength=len(changed)), dtype=np.int64)))
        pieces, at, moved = [], 0, set()
        for k, doc in enumerate(changed):
            old, new = ids[starts[doc] : starts[doc + 1]], mapped[new_starts[k] : new_starts[k + 1]]
            np.subtract.at(counts, old, 1)
            np.add.at(counts, new, 1)
            moved.update(set(old.tolist()) ^ set(new.tolist()))
            pieces += [ids[at : starts[doc]], new]
            at = starts[doc + 1]
            per_doc[doc] = len(new)
        pieces.append(ids[at:])
        out.counts = counts
        out.per_doc, out.ids = [per_doc], [_narrow(np.concatenate(pieces), len(out.names))]
        return out, {out.names[n][:KEY_LENGTH] for n in moved}


def _narrow(ids: np.ndarray, count: int) -> np.ndarray:
    """Word numbers below `count` in 16 bits while they fit: half the state to load and save."""
    return ids.astype(np.uint16 if count <= 1 << 16 else np.int32, copy=False)


def stats_entry(words: Words) -> dict:
    """What stats.js says of the words' shards (format 2: entries may hold readings in languages
    besides the archive's)."""
    keys = sorted(words.sizes)
    several = not set(words.langs) <= {words.default} and any(
        count and lang != words.default for lang, count in zip(words.langs, words.counts.tolist()))
    return {"format": FORMAT + several, "keyLength": KEY_LENGTH, "keys": keys, "sizes": [words.sizes[k] for k in keys]}
