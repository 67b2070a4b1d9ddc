"""The packed store of cached entries: whole packs or none, damaged ones ignored, no unbounded growth."""

from __future__ import annotations

import os
import random
import time

from generator.incremental import body_store as store_mod
from generator.incremental.body_store import Store


def packs(folder):
    return sorted(p.name for p in folder.glob("*.pack"))


def test_entries_are_seen_after_flush_by_this_and_other_processes(tmp_path):
    writer, reader = Store(tmp_path), Store(tmp_path)
    writer.put("k1", {"html": "<p>one</p>"})
    assert reader.get("k1") is None  # not yet in place: a pack appears whole or not at all
    writer.flush()
    assert writer.get("k1") == {"html": "<p>one</p>", "key": "k1"}
    reader.refresh()
    assert reader.get("k1") == {"html": "<p>one</p>", "key": "k1"}
    pid = os.fork()
    if pid == 0:  # a worker: writes its own pack with the parent's store object
        writer.put("k2", {"html": "two"})
        writer.flush()
        os._exit(0)
    os.waitpid(pid, 0)
    assert writer.get("k2") is None
    writer.refresh()
    assert writer.get("k2") == {"html": "two", "key": "k2"}
    assert len(packs(tmp_path)) == 2


def test_a_pack_with_a_damaged_index_is_ignored_and_removed(tmp_path):
    writer = Store(tmp_path)
    writer.put("k1", {"html": "one"})
    writer.flush()
    [name] = packs(tmp_path)
    data = (tmp_path / name).read_bytes()
    (tmp_path / name).write_bytes(data[:-3])
    fresh = Store(tmp_path)
    assert not fresh.has("k1") and fresh.get("k1") is None
    fresh.keep_only({"k1"})
    assert packs(tmp_path) == []


def test_an_entry_that_names_another_key_is_not_returned(tmp_path):
    writer = Store(tmp_path)
    writer.put("k1", {"html": "one"})
    writer.flush()
    [name] = packs(tmp_path)
    path = tmp_path / name
    path.write_bytes(path.read_bytes().replace(b'"key": "k1"', b'"key": "k9"', 1))
    assert Store(tmp_path).get("k1") is None


def test_unused_packs_go_and_mostly_dead_ones_are_packed_again(tmp_path):
    writer = Store(tmp_path)
    for i in range(10):
        writer.put(f"a{i}", {"html": "x" * 100})
    writer.flush()
    writer.put("b", {"html": "y" * 100})
    writer.flush()
    assert len(packs(tmp_path)) == 2
    assert writer.keep_only({f"a{i}" for i in range(10)}) == 1  # "b" alone in its pack: the pack goes
    assert len(packs(tmp_path)) == 1
    before = packs(tmp_path)
    writer.keep_only({"a0", "a1", "a2"})  # 7 of 10 entries dead: copied into a new pack of 3
    assert packs(tmp_path) != before and len(packs(tmp_path)) == 1
    fresh = Store(tmp_path)
    assert [fresh.has(f"a{i}") for i in range(10)] == [True] * 3 + [False] * 7
    assert fresh.get("a2") == {"html": "x" * 100, "key": "a2"}


def test_many_small_packs_are_packed_into_one(tmp_path):
    writer = Store(tmp_path)
    for i in range(store_mod.MAX_PACKS + 1):  # one small rebuild after another
        writer.put(f"k{i}", {"html": str(i)})
        writer.flush()
    used = {f"k{i}" for i in range(store_mod.MAX_PACKS + 1)}
    writer.keep_only(used)
    assert len(packs(tmp_path)) == 1
    fresh = Store(tmp_path)
    assert all(fresh.get(key) == {"html": key[1:], "key": key} for key in used)


def test_pruning_removes_old_layouts_and_dead_writers_leftovers_only(tmp_path):
    writer = Store(tmp_path)
    writer.put("k1", {"html": "one"})
    writer.flush()
    (tmp_path / "ab").mkdir()
    (tmp_path / "ab" / "old-entry.json").write_text("{}")  # one file per entry, as before packs
    old_temp, new_temp = tmp_path / ".dead.pack.tmp", tmp_path / ".writing.pack.tmp"
    old_temp.write_text("half")
    new_temp.write_text("half")
    hours_ago = time.time() - 7200
    os.utime(old_temp, (hours_ago, hours_ago))
    writer.keep_only({"k1"})
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*packs(tmp_path), new_temp.name])


def test_an_index_is_valid_exactly_when_each_entry_is_two_whole_numbers_within_the_entries():
    # `_valid_index` checks in C loops; this is the rule entry by entry.
    def rule(index, start):
        return isinstance(index, dict) and all(
            type(v) is list and len(v) == 2 and all(type(n) is int and n >= 0 for n in v) and v[0] + v[1] <= start
            for v in index.values()
        )

    rng = random.Random(7)
    odd = [[1], [1, 2, 3], [-1, 2], [1, -2], [True, 1], [1.0, 2], ["1", 2], None, (1, 2), {}, [0, 0], [5, 5], [0, 10]]
    for _ in range(3000):
        index = {f"k{i}": [rng.randrange(6), rng.randrange(6)] for i in range(rng.randrange(4))}
        if rng.random() < 0.5 and index:
            index[rng.choice(list(index))] = rng.choice(odd)
        start = rng.randrange(12)
        assert store_mod._valid_index(index, start) == rule(index, start), (index, start)
    assert not store_mod._valid_index([[0, 1]], 10)
