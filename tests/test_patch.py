"""A build after edits of article bodies alone makes only what they show on (patch.py), and gives
exactly a cold build's bytes; any other edit, or anything it cannot vouch for, takes the whole build."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator import build
from generator.archive.model import ProblemsFound
from generator.incremental import cache, records
from generator.incremental import manifest as manifests
from generator.output import writer
from tests.helpers import append_to, article, cold, make_tree, run, site_files

ATOM = "{http://www.w3.org/2005/Atom}"
NEW_WORD = "zyxwquorrel"


def feed_files(root: Path) -> list[Path]:
    """The content files of the feed's articles, newest first."""
    feed = ET.fromstring((root / "site/feed.xml").read_bytes())
    found = []
    for entry in feed.iter(f"{ATOM}entry"):
        year, slug = entry.find(f"{ATOM}link").get("href").split("/a/")[1].split("/")[:2]
        found.append(root / "content" / year / f"{slug}.md")
    return found


def outside_feed(root: Path) -> Path:
    shown = set(feed_files(root))
    return next(path for path in sorted((root / "content").rglob("*.md")) if path not in shown)


def appended(path: Path) -> None:
    """A new last paragraph: the article's excerpt and everything else other pages show stay as they were."""
    append_to(path, f"\nA late paragraph about the {NEW_WORD} of the harbour.\n")


@pytest.mark.parametrize("which", ["in the feed", "not in the feed"])
def test_an_edited_body_makes_only_its_page_the_feed_and_its_search_files(archive, tmp_path, which, trusted_at_once):
    run(archive)
    target = feed_files(archive)[0] if which == "in the feed" else outside_feed(archive)
    site = archive / "site"
    before = {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    appended(target)
    again = run(archive)
    assert again.patched and not again.unchanged
    assert (again.read, again.rendered_bodies, again.rendered_pages, again.searched) == (1, 1, 1, 1)
    files = site_files(site)
    assert files == cold(archive, tmp_path)
    page = f"{target.parent.name}/{target.stem}/index.html"
    assert NEW_WORD.encode() in files[page]
    assert (NEW_WORD.encode() in files["feed.xml"]) == (which == "in the feed")
    assert any(NEW_WORD.encode() in data for path, data in files.items() if path.startswith("search/d/"))
    rewritten = {path for path, inode in before.items() if (site / path).stat().st_ino != inode}
    assert page in rewritten
    assert not {path for path in rewritten if path.endswith(".html")} - {page}
    assert ("feed.xml" in rewritten) == (which == "in the feed")
    assert again.files == len(files) - 1  # the marker file is not counted


def test_edits_in_a_row_and_undoing_them_give_the_cold_site_each_time(archive, tmp_path, trusted_at_once):
    run(archive)
    first, second = feed_files(archive)[1], outside_feed(archive)
    originals = {path: path.read_bytes() for path in (first, second)}
    appended(first)
    assert run(archive).patched
    appended(second)
    assert run(archive).patched
    assert site_files(archive / "site") == cold(archive, tmp_path)
    for path, data in originals.items():  # one at a time: two of 80 would be counted afresh
        path.write_bytes(data)
        assert run(archive).patched
    assert site_files(archive / "site") == cold(archive, tmp_path)
    assert run(archive).changed == 0  # the last build's files were racy: read again
    assert run(archive).unchanged  # the patched builds' snapshot counts what they made


def test_a_touched_file_changes_nothing(archive, trusted_at_once):
    run(archive)
    site = archive / "site"
    before = {p: p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    os.utime(outside_feed(archive))
    again = run(archive)
    assert again.patched and again.changed == 0 and again.read == 1 and again.rendered_pages == 0
    assert {p: p.stat().st_ino for p in site.rglob("*") if p.is_file()} == before


def first_paragraph_edited(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    front, _, body = text.partition("\n---\n")
    path.write_text(f"{front}\n---\n\nA new first sentence. {body.lstrip()}", encoding="utf-8")


@pytest.mark.parametrize("edit", ["title", "excerpt", "body image", "added", "removed", "template", "two kinds"])
def test_an_edit_other_pages_show_takes_the_whole_build(archive, tmp_path, edit, trusted_at_once):
    run(archive)
    target = outside_feed(archive)
    pier = target.parent / "pier.png"
    pier.write_text("a pier")
    run(archive)
    if edit == "title":
        target.write_text(target.read_text(encoding="utf-8").replace("title: ", "title: Now ", 1), encoding="utf-8")
    elif edit == "excerpt":
        first_paragraph_edited(target)
    elif edit == "body image":
        append_to(target, "\n![A pier](pier.png)\n")
    elif edit == "added":
        make_tree(archive, {"content/2024/new.md": article("title: A new one\npublished: 2024-03-02")})
    elif edit == "removed":
        target.unlink()
    elif edit == "template":
        appended(target)
        make_tree(archive, {"templates/article.html": '{% extends "default:article.html" %}'})
    else:
        appended(target)
        pier.write_text("another pier")
    again = run(archive)
    assert not again.patched
    assert site_files(archive / "site") == cold(archive, tmp_path)


def test_a_broken_edit_is_reported_as_ever_and_the_site_is_untouched(archive, trusted_at_once):
    run(archive)
    site = archive / "site"
    before = site_files(site)
    target = outside_feed(archive)
    target.write_text(target.read_text(encoding="utf-8").replace("published: ", "published: 2021-13-45 #", 1),
                      encoding="utf-8")
    with pytest.raises(ProblemsFound) as raised:
        run(archive)
    shown = str(raised.value.problems[0])
    assert shown.startswith(f"content/{target.parent.name}/{target.name}:") and "month 13" in shown
    assert site_files(site) == before


def damage(path: Path, part: str) -> None:
    data = bytearray(path.read_bytes())
    header = int.from_bytes(data[-8:], "little")
    if part == "header":
        data[-9 - header // 2] ^= 0xFF
    else:  # every record
        data[: len(data) - 24 - header] = bytes(len(data) - 24 - header)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("part", ["header", "records", "missing", "search state", "snapshot"])
def test_damaged_or_missing_records_take_the_whole_build(archive, tmp_path, part, trusted_at_once):
    run(archive)
    saved = records.path_for(archive, archive / "site")
    if part == "missing":
        saved.unlink()
    elif part == "snapshot":
        snapshot = saved.parents[1] / "snapshot" / saved.name
        cache.save_checked(snapshot, {**cache.load_checked(snapshot), "done": {"files": 1}})
    elif part == "search state":
        state = saved.parents[1] / "search" / saved.name
        state.write_bytes(state.read_bytes()[:-100])
    else:
        damage(saved, part)
    appended(outside_feed(archive))
    again = run(archive)
    assert not again.patched
    assert site_files(archive / "site") == cold(archive, tmp_path)
    appended(outside_feed(archive))
    assert run(archive).patched  # the whole build saved them anew


def test_an_edit_within_a_second_of_the_last_build_is_still_patched_correctly(archive, tmp_path, trusted_at_once):
    run(archive)
    target = outside_feed(archive)
    appended(target)
    assert run(archive).patched  # the file is racy: its status is not trusted by the next build...
    append_to(target, "\nAnd another.\n")
    again = run(archive)  # ...which reads it again, whether or not its status changed
    assert again.patched and again.read == 1
    assert site_files(archive / "site") == cold(archive, tmp_path)


def test_a_build_without_the_cache_never_patches(archive, trusted_at_once):
    run(archive)
    appended(outside_feed(archive))
    assert not build.build(build.Options(root=archive, cache=False)).patched


def test_a_whole_build_keeps_the_records_of_the_articles_it_did_not_change(archive, tmp_path, monkeypatch, trusted_at_once):
    run(archive)
    made = []
    real = records.pickled
    monkeypatch.setattr(records, "pickled", lambda record: made.append(record.slug) or real(record))
    target = outside_feed(archive)
    target.write_text(target.read_text(encoding="utf-8").replace("title: ", "title: Now ", 1), encoding="utf-8")
    assert not run(archive).patched
    assert made == [target.stem]  # the one whose title changed; 79 others kept as they were saved
    appended(target)
    assert run(archive).patched  # from the records this build saved
    assert site_files(archive / "site") == cold(archive, tmp_path)


def test_records_saved_by_other_code_are_not_read(archive, tmp_path, trusted_at_once):
    """Another version's classes may have other fields: its records are neither patched from nor reused."""
    run(archive)
    path = records.path_for(archive, archive / "site")
    saved = records.Records.load(path)
    header, every = saved.header, saved.every_pickled()
    saved.close()
    del header.keys  # as a header of older code would lack a field
    records.save(path, header, every)
    data = bytearray(path.read_bytes())  # `save` stamps this code's version: put another one in its place
    size = int.from_bytes(data[-8:], "little")
    head = pickle.loads(bytes(data[-24 - size : -24]))
    head.version = "older"
    new_head = pickle.dumps(head, protocol=5)
    path.write_bytes(bytes(data[: -24 - size]) + new_head + hashlib.blake2b(new_head, digest_size=16).digest()
                     + len(new_head).to_bytes(8, "little"))
    target = outside_feed(archive)
    target.write_text(target.read_text(encoding="utf-8").replace("title: ", "title: Now ", 1), encoding="utf-8")
    assert not run(archive).patched
    appended(target)
    assert run(archive).patched
    assert site_files(archive / "site") == cold(archive, tmp_path)


@pytest.mark.parametrize("damage", ["changed by hand", "deleted"])
@pytest.mark.parametrize("edit", ["a body", "a touch"])
def test_a_site_file_changed_since_the_last_build_takes_the_whole_build(archive, tmp_path, damage, edit, trusted_at_once):
    # The check of the site's files runs in another process beside the patch: its answer counts.
    run(archive)
    other = sorted((archive / "site").glob("*/*/index.html"))[-1]
    if damage == "deleted":
        other.unlink()
    else:
        other.write_bytes(other.read_bytes().replace(b"</body>", b"<p>by hand</p></body>"))
    target = outside_feed(archive)
    if edit == "a body":
        appended(target)
    else:
        os.utime(target)
    again = run(archive)
    assert not again.patched and again.rendered_pages >= 1
    assert site_files(archive / "site") == cold(archive, tmp_path)


@pytest.mark.parametrize("gone", ["search", "."])
def test_search_files_gone_since_the_last_build_take_the_whole_build_not_an_error(archive, tmp_path, gone, trusted_at_once):
    # Found by the kill -9 run: the search side reads the last build's search files before the look
    # at the whole site has answered; one gone made the build fail (FileNotFoundError) instead of
    # being built whole.
    run(archive)
    target = outside_feed(archive)
    shutil.rmtree(archive / "site" / gone)
    appended(target)
    again = run(archive)
    assert not again.patched
    assert site_files(archive / "site") == cold(archive, tmp_path)


@pytest.mark.parametrize("appendable", [True, False], ids=["appended", "written anew"])
def test_a_patch_build_appends_the_records_it_changed_until_the_dead_ones_are_many(
        archive, tmp_path, monkeypatch, appendable, trusted_at_once):
    run(archive)
    [path] = (archive / cache.FOLDER / "records").glob("*.pickle")
    inode, size = path.stat().st_ino, path.stat().st_size
    if not appendable:  # as when the records replaced are as large as the live ones
        monkeypatch.setattr(records.Records, "appendable", lambda self: False)
    appended(outside_feed(archive))
    assert run(archive).patched
    assert (path.stat().st_ino == inode) == appendable
    if appendable:  # the edited record is added, the old one stays behind: the file grew by about one
        assert 0 < path.stat().st_size - size < 20_000
    appended(feed_files(archive)[0])
    assert run(archive).patched  # the records read back
    assert site_files(archive / "site") == cold(archive, tmp_path)


def test_after_patches_that_add_and_remove_search_files_the_manifest_lists_the_site_with_its_token(archive, trusted_at_once):
    run(archive)
    site, target = archive / "site", outside_feed(archive)
    original = target.read_bytes()

    def listed() -> list[str]:
        return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.name != writer.MARKER)

    before = listed()
    for change in ("append a new word", "undo"):
        appended(target) if change != "undo" else target.write_bytes(original)
        assert run(archive).patched
        manifest = manifests.Manifest(archive, site, True)
        assert manifest.paths == listed()
        assert manifest.token == writer.files_token(listed()) == writer.marker_token(site)
        if change != "undo":
            assert set(listed()) != set(before)  # the new word's files came, and go again below
    assert listed() == before
