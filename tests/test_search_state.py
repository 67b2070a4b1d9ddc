"""The search state's packed entries: an edit spliced in gives what counting every document afresh
gives, also when a count or the number of terms outgrows its type."""

from __future__ import annotations

import numpy as np
import pytest

from generator.search.documents import FIELDS
from generator.search.postings import Entries
from generator.search.state import Packed, spliced

F = len(FIELDS)


def entries_of(docs: list[list[dict[str, int]]]) -> Entries:
    """Entries of documents given as each field's term counts."""
    names = sorted({term for doc in docs for counts in doc for term in counts})
    number = {name: t for t, name in enumerate(names)}
    terms, rows, tfs = [], [], []
    for d, doc in enumerate(docs):
        for f, counts in enumerate(doc):
            for term, tf in counts.items():
                terms.append(number[term])
                rows.append(d * F + f)
                tfs.append(tf)
    lengths = [np.array([sum(doc[f].values()) for doc in docs], dtype=np.int32) for f in range(F)]
    return Entries(names, np.array(terms, np.int32), np.array(rows, np.int32), np.array(tfs, np.int32),
                   len(docs), lengths)


def part_of(docs: list[list[dict[str, int]]]) -> tuple:
    """What `statistics.count_texts` gives for the new texts of some documents."""
    vocabulary = sorted({term for doc in docs for counts in doc for term in counts})
    number = {name: t for t, name in enumerate(vocabulary)}
    local = [number[term] for doc in docs for counts in doc for term in counts]
    tfs = [tf for doc in docs for counts in doc for tf in counts.values()]
    sizes = [len(counts) for doc in docs for counts in doc]
    lengths = [sum(counts.values()) for doc in docs for counts in doc]
    return vocabulary, np.array(local, np.int32), np.array(tfs, np.int32), np.array(sizes, np.int32), lengths


def triples(packed: Packed) -> list[tuple[str, int, int]]:
    rows = np.repeat(np.arange(len(packed.per_row)), packed.per_row)
    return sorted(zip((packed.names[t] for t in packed.terms.tolist()), rows.tolist(), packed.tfs.tolist()))


def doc(title: dict[str, int], body: dict[str, int]) -> list[dict[str, int]]:
    assert FIELDS == ("title", "tags", "body")
    return [title, {}, body]


def check(before: list, changed: dict[int, list]) -> Packed:
    packed = Packed.of(entries_of(before))
    after = [changed.get(d, old) for d, old in enumerate(before)]
    result, touched, recounted = spliced(packed, sorted(changed), part_of([changed[d] for d in sorted(changed)]))
    expected = Packed.of(entries_of(after))
    assert triples(result) == triples(expected)
    assert result.counts.tolist() == np.bincount(result.terms, minlength=len(result.names)).tolist()
    assert sorted(result.names) == expected.names
    assert [c.tolist() for c in result.field_lengths] == [c.tolist() for c in expected.field_lengths]
    return result


def test_an_edit_with_new_and_vanished_terms_is_counting_afresh():
    before = [doc({"a": 1}, {"b": 2, "c": 1}), doc({"d": 1}, {"e": 3, "only": 1}), doc({}, {"b": 1})]
    result = check(before, {1: doc({"d": 2}, {"e": 1, "new": 4})})
    assert "only" not in result.names and "new" in result.names
    assert result.terms.dtype == np.uint8 and result.tfs.dtype == np.uint8


@pytest.mark.parametrize("count", [300, 70_000])
def test_a_count_beyond_the_frequencies_type_widens_it(count):
    before = [doc({"a": 1}, {"b": 2}), doc({}, {"c": 1})]
    assert Packed.of(entries_of(before)).tfs.dtype == np.uint8
    result = check(before, {0: doc({"a": 1}, {"b": count})})
    assert result.tfs.dtype == np.int32


@pytest.mark.parametrize("added", [5, 1])
def test_more_terms_than_16_bits_number_widen_the_terms(added):
    many = 1 << 16
    before = [doc({}, {f"t{n:05d}": 1 for n in range(many - 2)}), doc({}, {"x": 1})]
    result = check(before, {1: doc({}, {f"new{n}": 1 for n in range(added)})})
    # 65,534 + 1 names, then "x" goes and `added` come: 65,534 + added of them.
    assert result.terms.dtype == (np.int32 if many - 2 + added > many else np.uint16)
