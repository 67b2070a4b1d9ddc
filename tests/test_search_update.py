"""After a few articles change, the search index is updated from the last build's state: only the
edited articles are counted again, and the files are exactly those of a cold build."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from benchmarks.corpus import write_archive
from generator.incremental import cache
from generator.search import lunr_index, shards
from tests.helpers import body_words, cold, nth, run, site_files

SIZE = 120


@pytest.fixture
def archive(tmp_path) -> Path:
    return write_archive(SIZE, tmp_path / "archive", seed=5)


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


EDITS = {
    "new and vanished words": lambda root: body_words(nth(root, 40), "Quixotic zanzibarquux harbours, 2031."),
    "title": lambda root: edit(nth(root, 41), "title: ", "title: Glorpish ", 1),
    "tags": lambda root: edit(nth(root, 42), "tags:\n", "tags:\n- Brand new tag\n", 1),
    "flag": lambda root: edit(nth(root, 43), "flags:\n", "flags:\n- disputed\n", 1),
    "source": lambda root: edit(nth(root, 45), "- name: ", "- name: Another ", 1),
    "every word": lambda root: body_words(nth(root, 44), "Nothing else."),
}


@pytest.mark.parametrize(("lunr", "small_shards"), [(True, False), (False, False), (False, True)],
                         ids=["with lunr-index.json", "sharded only", "many small shards"])
@pytest.mark.parametrize("change", sorted(EDITS))
def test_an_updated_index_is_a_cold_built_one(archive, tmp_path, monkeypatch, change, lunr, small_shards):
    if not lunr:
        monkeypatch.setattr(lunr_index, "DEFAULT_LIMIT", 10)
    if small_shards:  # prefixes split into many shards, and an edit may change how they split
        monkeypatch.setattr(shards, "SHARD_LIMIT", 1500)
    body_words(nth(archive, 40), "An old zanzibarquux paragraph, about to go.")
    run(archive)
    EDITS[change](archive)
    warm = run(archive)
    assert warm.searched == 1
    assert site_files(archive / "site") == cold(archive, tmp_path)
    search = {p: d for p, d in site_files(archive / "site").items() if p.startswith("search/")}
    assert ("search/lunr-index.json" in search) == lunr
    if change == "new and vanished words":
        assert any(b'"zanzibarquux"' in data for data in search.values())
        assert not any(b"paragraph" in data and b"about to go" in data for data in search.values())


def test_two_edits_in_a_row_and_an_undo_give_the_cold_index(archive, tmp_path):
    run(archive)
    target = nth(archive, 7)
    original = target.read_text(encoding="utf-8")
    body_words(target, "First quokka edit.")
    assert run(archive).searched == 1
    body_words(target, "Second numbat edit.")
    assert run(archive).searched == 1
    assert site_files(archive / "site") == cold(archive, tmp_path)
    target.write_text(original, encoding="utf-8")
    assert run(archive).searched == 1
    assert site_files(archive / "site") == cold(archive, tmp_path)


def test_the_saved_count_of_each_term_is_that_of_its_entries_after_edits(archive):
    # An edit keeps each term's count of entries up to date rather than count them all again.
    run(archive)
    target = nth(archive, 40)
    body_words(target, "An old zanzibarquux paragraph, about to go.")
    assert run(archive).searched == 1
    body_words(target, "Quixotic numbat harbours.")  # the made-up word leaves the archive
    assert run(archive).searched == 1
    [path] = (archive / cache.FOLDER / "search").glob("*.pickle")
    entries = cache.load_checked(path).entries
    assert any(name.startswith("numbat") for name in entries.names)
    assert not any(name.startswith("zanzibarquu") for name in entries.names)
    assert entries.counts.tolist() == np.bincount(entries.terms, minlength=len(entries.names)).tolist()


@pytest.mark.parametrize("longer", [0.02, 1.0], ids=["a sentence longer", "twice as long"])
def test_an_edit_that_changes_only_a_body_length_gives_the_cold_index(archive, tmp_path, monkeypatch, longer):
    # Small pages, so that long posting lists have several, in an order and with bounds that
    # see rounded lengths: twice as long, the article's rows move in every list it is in.
    monkeypatch.setattr(shards, "INLINE", 4)
    monkeypatch.setattr(shards, "PAGE", 16)
    run(archive)
    target = nth(archive, 30)
    head, _, body = target.read_text(encoding="utf-8").partition("\n---\n")
    # Words no article holds: the counts of the article's other terms stay as they were.
    extra = [f"zq{chr(97 + n // 26)}{chr(97 + n % 26)}x" for n in range(max(3, int(len(body.split()) * longer)))]
    target.write_text(f"{head}\n---\n{body}\n{' '.join(extra)}\n", encoding="utf-8")
    assert run(archive).searched == 1
    assert site_files(archive / "site") == cold(archive, tmp_path)


def test_many_changed_articles_or_a_new_one_count_the_whole_index_again(archive, tmp_path):
    run(archive)
    for n in range(0, SIZE, 10):  # more than UPDATE_LIMIT of the articles
        edit(nth(archive, n), "\n\n", "\n\nA wombat.\n\n")
    assert run(archive).searched == SIZE
    (archive / "content/2030").mkdir()
    (archive / "content/2030/new.md").write_text("---\ntitle: New\npublished: 2030-01-01\n---\n\nNew.\n")
    assert run(archive).searched == SIZE + 1
    assert site_files(archive / "site") == cold(archive, tmp_path)


def test_a_damaged_search_state_is_ignored(archive, tmp_path):
    run(archive)
    [state] = (archive / cache.FOLDER / "search").glob("*.pickle")
    data = bytearray(state.read_bytes())
    data[len(data) // 2] ^= 0xFF
    state.write_bytes(bytes(data))
    body_words(nth(archive, 3), "A changed start.")
    assert run(archive).searched == SIZE
    assert site_files(archive / "site") == cold(archive, tmp_path)


def test_a_search_file_changed_by_hand_is_not_trusted_by_an_update(archive, tmp_path):
    run(archive)
    shard = sorted((archive / "site/search/d").glob("*.js"))[5]
    shard.write_bytes(re.sub(rb"\[\d+,", b"[1,", shard.read_bytes(), count=1))
    body_words(nth(archive, 3), "A changed start.")
    assert run(archive).searched == SIZE
    assert site_files(archive / "site") == cold(archive, tmp_path)


def test_another_output_folder_keeps_its_own_state(archive, tmp_path):
    run(archive)
    run(archive, tmp_path / "other")
    body_words(nth(archive, 3), "A changed start.")
    assert run(archive).searched == 1
    assert run(archive, tmp_path / "other").searched == 1
    assert site_files(tmp_path / "other") == site_files(archive / "site") == cold(archive, tmp_path)


def test_search_files_written_by_worker_processes_are_kept_and_updated_like_the_others(
        archive, tmp_path, monkeypatch):
    alone = shards.PARALLEL_FROM
    monkeypatch.setattr(shards, "PARALLEL_FROM", 10)  # the shard workers write the posting pages
    first = run(archive, jobs=2)
    pages = [p for p in site_files(archive / "site") if p.startswith("search/p/")]
    assert pages and first.changed == first.files
    again = run(archive, jobs=2)
    assert (again.changed, again.searched) == (0, 0)  # their manifest entries hold
    body_words(nth(archive, 3), "A changed start.")
    assert run(archive, jobs=2).searched == 1
    monkeypatch.setattr(shards, "PARALLEL_FROM", alone)
    assert site_files(archive / "site") == cold(archive, tmp_path)  # built in one process
