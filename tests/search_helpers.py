"""Helpers for search tests: node oracles and a small multilingual archive."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from array import array
from pathlib import Path
from typing import Iterable, Sequence, TypedDict

import numpy as np

from generator.search.statistics import TermStats, combine
from generator.search.tokens import TermCounter
from tests.helpers import REPO

NODE = shutil.which("node")
ORACLE = REPO / "tests" / "oracle"


def node(script: str, *args: str, stdin: str | None = None) -> object:
    ran = subprocess.run(
        [NODE, str(ORACLE / script), *args], input=stdin, capture_output=True, text=True,
        cwd=REPO, check=False,
    )
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout)


def lunr_js_search(index: Path, queries: list[str]) -> dict[str, list[tuple[str, float]]]:
    return node("lunr_search.js", str(index), json.dumps(queries))


def all_words(query: str) -> str:
    """A query in lunr's syntax as the search page reads it by default (every word required):
    each plain word written `+word`, stop words left out (the index has none, so lunr.js could
    never find them); `+word`, `-word` and their hyphenated words as lunr reads them."""
    from lunr.stop_word_filter import WORDS as STOP_WORDS

    from generator.search.tokens import tokens

    out = []
    for chunk in query.split():
        if chunk[0] in "+-":
            out.append(chunk)
            continue
        field = ""
        head, colon, rest = chunk.partition(":")
        if colon and head.lower() in ("title", "tags", "body"):
            field, chunk = head.lower() + ":", rest
        modifiers = re.search(r"([\^~]\d+(?:\.\d+)?)*$", chunk).group()
        words = [w for w in chunk[: len(chunk) - len(modifiers)].split("-") if w]
        for i, word in enumerate(words):
            if "*" not in word and all(t in STOP_WORDS for t in tokens(word)):
                continue
            out.append("+" + (field if i == 0 else "") + word + (modifiers if i == len(words) - 1 else ""))
    return " ".join(out) or query  # only stop words: lunr.js, like us, finds nothing (an empty query is everything)



def wait_for_results(page):
    """Until the search page has answered (its status no longer says it is loading)."""
    page.wait_for_function(
        "(() => { const s = document.getElementById('search-status'); "
        "return s && s.textContent && !s.textContent.startsWith('Loading'); })()"
    )


# A reference for statistics.count, one document at a time (tests/test_search_index.py compares them).

class DocCounts(TypedDict):
    """One document's terms: `counts[f]` maps each term of field f to its frequency,
    in the order the terms first appear in the field; `lengths[f]` is the field's
    length in terms (the sum of its counts)."""

    counts: list[dict[str, int]]
    lengths: list[int]


_COUNTER = TermCounter()  # remembers the terms of each distinct raw token, across documents


def document_counts(field_texts: Sequence[str]) -> DocCounts:
    """The pure per-document step: a document's field texts (`SearchDoc.field_texts()`,
    in FIELDS order) to its term counts per field and its field lengths.

    The result depends on nothing but the texts and is JSON-serialisable (a JSON
    round trip keeps its key order), so a build may cache it keyed by a hash of
    the texts and feed cached values to `gather` / `Gatherer.add`.
    """
    counts = [_COUNTER(text) for text in field_texts]
    return {"counts": counts, "lengths": [sum(c.values()) for c in counts]}


class Gatherer:
    """Collects the counts of consecutive documents as flat arrays with a local term numbering.

    `part()` is a small picklable value (arrays and one list of terms) that
    `combine` merges with the parts of the following documents.
    """

    def __init__(self) -> None:
        self.vocabulary: dict[str, int] = {}
        self.terms: list[int] = []  # local term id of each (document, field, term) entry
        self.tfs: list[int] = []  # its frequency
        self.sizes: list[int] = []  # entries per (document, field), documents in order
        self.lengths: list[int] = []  # length per (document, field)

    def add(self, doc: DocCounts) -> None:
        vocabulary, terms = self.vocabulary, self.terms
        number = vocabulary.__getitem__
        for counts, length in zip(doc["counts"], doc["lengths"]):
            size = len(terms)
            try:
                terms.extend(map(number, counts))
            except KeyError:
                del terms[size:]
                for term in counts:
                    if term not in vocabulary:
                        vocabulary[term] = len(vocabulary)
                terms.extend(map(number, counts))
            self.tfs.extend(counts.values())
            self.sizes.append(len(counts))
            self.lengths.append(length)

    def part(self) -> tuple:
        """(terms in local id order, then int32 arrays: term ids, tfs, sizes, lengths)."""
        arrays = [np.frombuffer(array("i", column), dtype=np.int32) for column in (self.terms, self.tfs, self.sizes, self.lengths)]
        return (list(self.vocabulary), *arrays)


def gather(counts: Iterable[DocCounts]) -> TermStats:
    """The global step: the counts of documents 0, 1, 2, … (in id order) to their term statistics."""
    gatherer = Gatherer()
    for doc in counts:
        gatherer.add(doc)
    return combine([gatherer.part()])
