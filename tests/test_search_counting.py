"""Counting in bulk and grouping postings a range at a time give exactly what the simple paths give."""

import sys
import unicodedata
from pathlib import Path

import numpy as np

from generator.executors import local as workers
from generator.search import bulk, marks, postings, shards, statistics, tokens
from generator.search.tokens import TermNumberer
from tests.helpers import sample_docs

AWKWARD = [
    "", "   ", "Hello, World!  hello-world --x-- x", "北京新闻 and 东京, 北京", "Russia’s “war”, RUSSIA's",
    "ΟΔΟΣ Σ σ", "a\u3000b\u2028c\x1cd\x85e\xa0f\tg\x0bh", "𝒳𝒴 𝒳𝒴 😀", "İstanbul İ", "the and of",
    "-", "a\x00 a a\x01", "\ud800 lone", "a\nb\r\nc", "key keys keying keyed",
    "x" * 40 + " " + "x" * 40 + " " + "x" * 17 + " " + "12345678 123456789 1234567 1234567812345678",
    "abcdefghijklmnop abcdefghijklmnopq abcdefghijklmnop",
]


def named(counts, numberer):
    """A chunk's counts with terms by name, as lists."""
    terms, tfs, sizes, lengths = counts
    return [numberer.terms[t] for t in terms.tolist()], tfs.tolist(), sizes.tolist(), lengths.tolist()


def test_white_space_is_what_str_split_splits_at():
    spaces = [c for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert [c for c in spaces if c < 128] == np.flatnonzero(bulk._SPACE_BYTES).tolist()
    assert [chr(c) for c in spaces if c >= 128] == list(bulk.OTHER_SPACES)


def test_bulk_counts_are_the_counts_of_each_text():
    chunks = [AWKWARD, AWKWARD[::-1], [doc.body for doc in sample_docs(30)], AWKWARD[:1], []]
    numberer, reference = TermNumberer(), TermNumberer()
    counter = bulk.BulkCounter(numberer)
    for texts in chunks + chunks:  # the second time round, raw tokens come from the memo
        assert named(counter.count(texts), numberer) == named(bulk.exact(texts, reference), reference)
    terms, tfs, sizes, lengths = named(bulk.exact(["The troops, the TROOPS; and troops"], reference), reference)
    assert (terms, tfs, sizes, lengths) == (["troop"], [3], [1], [3])


def test_a_hash_collision_falls_back_to_exact_counting(monkeypatch):
    monkeypatch.setattr(bulk, "_mix", lambda values: values * np.uint64(0))  # every key hashes the same
    numberer, reference = TermNumberer(), TermNumberer()
    counter = bulk.BulkCounter(numberer)
    assert counter._count(AWKWARD) is None
    assert named(counter.count(AWKWARD), numberer) == named(bulk.exact(AWKWARD, reference), reference)


def test_the_memo_starts_afresh_when_full(monkeypatch):
    monkeypatch.setattr(bulk, "MEMO_LIMIT", 10)
    numberer, reference = TermNumberer(), TermNumberer()
    counter = bulk.BulkCounter(numberer)
    texts = [doc.body for doc in sample_docs(5)]
    for _ in range(2):
        assert named(counter.count(texts), numberer) == named(bulk.exact(texts, reference), reference)


def parts_of(docs, size=7):
    counter = bulk.BulkCounter(TermNumberer())
    return [statistics.count_texts([d.field_texts() for d in docs[i : i + size]], counter)
            for i in range(0, len(docs), size)]


def test_ranges_and_spilled_parts_group_the_same_postings(monkeypatch):
    docs = sample_docs(40)
    whole = statistics.count(docs, workers=1)
    collected = postings.Collected(spill_from=500)  # most parts go to temporary files
    for part in parts_of(docs):
        collected.add(part)
    try:
        assert collected._files
        assert collected.n_entries == int(collected.per_term.sum()) == sum(len(p[1]) for p in parts_of(docs))
        assert collected.stats().postings == whole.postings
        ranges = list(collected.ranges(shards.key_prefix, limit=300))
        assert len(ranges) > 5
        grouped = [part.group() for part in ranges]
        seen = [term for part in grouped for term in part.terms]
        assert sorted(seen) == sorted(whole.terms) and len(seen) == len(set(seen))
        for part in grouped:
            assert len({shards.key_prefix(t) for t in part.terms} & {
                shards.key_prefix(t) for other in grouped if other is not part for t in other.terms}) == 0
            assert part.postings == {t: whole.posting(whole.terms.index(t)) for t in part.postings}
        monkeypatch.setattr(shards, "INLINE", 4)
        monkeypatch.setattr(shards, "PAGE", 8)
        by_range = shards.files(iter(ranges), docs, workers=1)
        assert sorted(by_range, key=lambda f: f.path) == sorted(shards.files(whole, docs, workers=1), key=lambda f: f.path)
        monkeypatch.setattr(shards, "PARALLEL_FROM", 10)  # the workers group their own batches
        in_workers = shards.files(iter(ranges), docs, workers=2)
        assert sorted(in_workers, key=lambda f: f.path) == sorted(by_range, key=lambda f: f.path)
    finally:
        folder = Path(collected._folder.name)
        collected.close()
    assert not folder.exists()


def test_workers_give_the_chunks_asked_for_in_order():
    items = list(range(100))
    chunks = [range(0, 3), range(3, 50), range(50, 51), range(51, 100)]
    for jobs in (1, 2):
        got = list(workers.run(_sums, items, (10,), jobs, chunks=chunks, ordered=True))
        assert got == [sum(items[c.start : c.stop]) + 10 for c in chunks]
    assert sum(workers.run(_sums, items, (0,), 2)) == sum(items)  # its own chunks, as they finish
    assert [len(c) for c in workers.even_chunks(10, 2, 3)] == [2] * 5  # about 4 per process
    assert [len(c) for c in workers.even_chunks(100, 2, 10)] == [10] * 10  # none larger than asked
    assert [len(c) for c in workers.even_chunks(10, 1, 4)] == [4, 4, 2]


def _sums(items, indices, extra):
    return sum(items[i] for i in indices) + extra


def test_snippets_of_unfolded_text_are_those_of_the_folded_text():
    from types import SimpleNamespace

    from generator.render.plaintext import plain_text, unfolded_text
    from generator.search import documents

    word = "w" * 30
    bodies = [
        "", "<p>short</p>", "<p>" + "  \n\t ".join(["word"] * 400) + "</p>",
        "<p>" + (" " * 2000) + "late start " * 60 + "</p>", "<p>" + "x" * 900 + "</p>",
        "<p>" + " ".join([word] * 10) + "\u3000" * 700 + word + "</p>",
        "<p>" + "a&amp;b " * 100 + "</p>", *(f"<p>{'y' * n} {'z' * 5}</p>" for n in range(310, 330)),
    ] + [f"<p>{html}</p>" for html in AWKWARD]
    for summary in (None, "A summary " * 50):
        article = SimpleNamespace(summary=summary)
        for body in bodies:
            expected = documents.snippet(article, plain_text(body))
            assert documents.snippet_of_unfolded(article, unfolded_text(body)) == expected, body[:40]


def test_every_combining_mark_lies_in_the_planes_scanned_for_them():
    assert tokens.scanned_mark_ranges() == tokens.scanned_mark_ranges((range(sys.maxunicode + 1),))


def test_the_marks_written_down_are_what_this_python_scans():
    # Else run `python -m generator.search.marks` (a Python of another Unicode version scans at every start).
    assert marks.UNICODE_VERSION == unicodedata.unidata_version
    assert tokens.mark_ranges() == tokens.scanned_mark_ranges()
    assert marks.source(marks.UNICODE_VERSION, tokens.scanned_mark_ranges()) == Path(marks.__file__).read_text()
