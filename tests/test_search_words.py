"""The archive's words (surface forms), published for "did you mean" and per-language lookups:
sharded by prefix, counted per document, and updated after an edit to what a cold build makes."""

from __future__ import annotations

import json

import pytest

from generator.search import shards, statistics
from generator.search import words as words_mod
from generator.search.bulk import BulkCounter
from generator.search.tokens import TermNumberer
from tests.helpers import body_words, cold, nth, run, site_files

DOCS = [
    ("The Taliban's advance", "Afghanistan", "Taliban fighters advanced; the talks stalled. Hurricanes hit."),
    ("Hurricane season", "Weather", "A hurricane, then another hurricane. TALIBAN? No."),
    ("北京新闻", "", "Talks about talks, 2020 and co-operation."),
]


def counted(docs) -> words_mod.Words:
    _, part = statistics.count_texts_and_words(docs, BulkCounter(TermNumberer()))
    words = words_mod.Words()
    words.add(part, len(docs))
    return words


def data(file) -> dict:
    text = file.data.decode()
    return json.loads(text[text.index(",") + 1 : -len(");\n")])


def shard_entries(files) -> dict:
    out = {}
    for file in files:
        out.update(data(file))
    return out


def test_words_are_surface_forms_counted_by_document_with_their_terms():
    entries = shard_entries(counted(DOCS).files())
    # Trimmed and lowercased, possessives dropped; counted once per document holding them.
    assert entries["taliban"] == [2]
    assert entries["hurricane"] == [1, "hurrican"] and entries["hurricanes"] == [1, "hurrican"]
    assert entries["talks"] == [2, "talk"]
    assert entries["2020"] == [1] and entries["co"] == [1] and entries["operation"] == [1, "oper"]
    # Stop words and CJK runs (indexed as characters and pairs) are not words.
    assert "the" not in entries and "then" not in entries and "about" not in entries
    assert not any("北" in word for word in entries)


def test_the_words_are_sharded_by_prefix_and_stats_lists_the_shards(monkeypatch):
    monkeypatch.setattr(words_mod, "LIMIT", 30)  # prefixes split by more characters
    words = counted(DOCS)
    files = words.files()
    names = {f.path.removeprefix("search/w/").removesuffix(".js") for f in files}
    entry = words_mod.stats_entry(words)
    assert set(entry["keys"]) == names and entry["keyLength"] == 2
    assert entry["sizes"] == [len(f.data) for f in sorted(files, key=lambda f: f.path)]
    # Every word is in the shard of the longest prefix of it that has one (as the dictionary's).
    for file in files:
        name = file.path.removeprefix("search/w/").removesuffix(".js")
        for word in data(file):
            assert shards.key_of(word, names) == name
    assert any(len(bytes.fromhex(name).decode()) > 2 for name in names)


@pytest.mark.parametrize("limit", [8_000, 30])
def test_an_update_gives_the_shards_a_cold_count_gives(monkeypatch, limit):
    monkeypatch.setattr(words_mod, "LIMIT", limit)
    before = counted(DOCS)
    before.files()
    state = before.packed()
    edited = [DOCS[0], ("Hurricane season", "Weather", "Nothing but zanzibar hurricanes."), DOCS[2]]
    _, part = statistics.count_texts_and_words([edited[1]], BulkCounter(TermNumberer()))
    after, moved = state.spliced([1], part)
    made = {f.path: f.data for f in after.files(moved)}
    cold_files = {f.path: f.data for f in counted(edited).files()}
    # The shards made again are those that differ; the others are kept, and none is left over.
    old = {f.path: f.data for f in counted(DOCS).files()}
    assert after.paths() == set(cold_files)
    assert {p: d for p, d in {**old, **made}.items() if p in after.paths()} == cold_files
    assert {"ta", "za"} <= moved  # 'taliban' left the article, 'zanzibar' came
    assert shard_entries(f for f in counted(edited).files())["hurricane"] == [1, "hurrican"]


def test_an_edit_keeps_the_words_files_those_of_a_cold_build(archive, tmp_path, monkeypatch):
    monkeypatch.setattr(words_mod, "LIMIT", 400)  # many word shards, which an edit may split again
    run(archive)
    body_words(nth(archive, 12), "Zanzibarquux and talibn appear. Quokkas too.")
    assert run(archive).searched == 1
    files = site_files(archive / "site")
    assert files == cold(archive, tmp_path)
    assert any(path.startswith("search/w/") and b'"talibn":[1]' in data for path, data in files.items())
    body_words(nth(archive, 12), "Only numbats now.")
    assert run(archive).searched == 1
    files = site_files(archive / "site")
    assert files == cold(archive, tmp_path)
    assert not any(b'"talibn"' in data for path, data in files.items() if path.startswith("search/w/"))
