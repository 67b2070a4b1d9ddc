"""Warm builds (cache, previous site) give exactly a cold build's bytes, and skip the work they can."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import pytest

from generator import build
from generator.executors import local as workers
from generator.incremental import cache
from generator.incremental import parse_cache as parsed
from tests.helpers import SIZE, append_to, article, cold, make_tree, one_article, retitled, run, site_files


def test_parallel_and_serial_builds_are_byte_identical(archive, tmp_path):
    run(archive, tmp_path / "serial", jobs=1, cache=False)
    run(archive, tmp_path / "parallel", jobs=2, cache=False)
    assert site_files(tmp_path / "serial") == site_files(tmp_path / "parallel")


def test_a_no_op_rebuild_renders_nothing_twice_and_writes_no_file(archive):
    first = run(archive)
    assert first.rendered_bodies == SIZE
    site = archive / "site"
    before = {p: p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    second = run(archive)
    assert second.rendered_bodies == 0
    assert second.rendered_pages == 0
    assert second.searched == 0  # the search index was kept whole
    assert second.changed == 0
    after = {p: p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    # Same inodes: every file of the site is the old file, not written again.
    assert after == before


@pytest.mark.parametrize("edit", ["content", "template", "config", "delete", "add"])
def test_warm_rebuild_after_an_edit_equals_a_cold_build(archive, tmp_path, edit):
    run(archive)
    target = one_article(archive)
    if edit == "content":
        append_to(target, "\nA late correction, appended.\n")
    elif edit == "template":
        make_tree(archive, {"templates/article.html": (
            '{% extends "default:article.html" %}'
            '{% block title %}Archived: {{ super() }}{% endblock %}'
        )})
    elif edit == "config":
        make_tree(archive, {"archive.yaml": "title: Renamed\nbase_url: https://example.org/b/\nper_page: 7\n"})
    elif edit == "delete":
        target.unlink()
    else:
        make_tree(archive, {"content/2024/new.md": article("title: A new one\npublished: 2024-03-02")})
    warm = run(archive)
    assert site_files(archive / "site") == cold(archive, tmp_path)
    # Search has no templates; one edited article is counted alone (tests/test_search_update.py).
    assert warm.searched == {"template": 0, "content": 1}.get(edit, warm.articles)
    if edit == "content":
        assert warm.rendered_bodies == 1
        assert 0 < warm.rendered_pages < warm.pages // 2  # its page, its neighbours', its listings'
    if edit in ("template", "config"):
        assert warm.rendered_bodies == 0  # bodies do not depend on templates or the config


def test_a_deleted_article_disappears_from_listings_search_and_feed(tmp_path):
    root = make_tree(tmp_path, {
        "archive.yaml": "title: T\nbase_url: https://example.org/\n",
        "content/2020/keep.md": article("title: Kept\npublished: 2020-01-02\ntags: [harbour]"),
        "content/2020/gone.md": article("title: Zanzibarquux report\npublished: 2020-01-03\ntags: [harbour]",
                                        "Zanzibarquux harbour news.\n"),
    })
    run(root)
    assert any(b"Zanzibarquux" in data for data in site_files(root / "site").values())
    (root / "content/2020/gone.md").unlink()
    run(root)
    files = site_files(root / "site")
    mentions = sorted(path for path, data in files.items() if b"anzibarquux" in data.lower())
    assert mentions == []  # not in a listing, the feed, the sitemap or any search file
    assert "2020/gone/index.html" not in files
    assert b"Kept" in files["tags/harbour/index.html"]


def test_unchanged_files_are_not_read_again(archive, trusted_at_once):
    first = run(archive)
    assert first.read == SIZE
    assert run(archive).read == 0


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(archive, tmp_path, trusted_at_once):
    run(archive)
    target = one_article(archive)
    text = target.read_text(encoding="utf-8")
    before = target.stat()
    target.write_text(text.replace("title: ", "title: X", 1)[:-1], encoding="utf-8")  # same length
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -r` or rsync -t would
    assert target.stat().st_size == before.st_size and target.stat().st_mtime_ns == before.st_mtime_ns
    warm = run(archive)
    assert warm.read == 1  # the change time still moved
    assert site_files(archive / "site") == cold(archive, tmp_path)


def test_a_damaged_parse_cache_is_ignored(archive, tmp_path, trusted_at_once):
    run(archive)
    [saved] = (archive / cache.FOLDER / "parsed").glob("*.pickle")
    data = bytearray(saved.read_bytes())
    data[len(data) // 2] ^= 0xFF
    saved.write_bytes(bytes(data))
    target = one_article(archive)  # an edit, so that the build has work to do and reads what it needs
    retitled(target)
    assert run(archive).read == SIZE  # every file, not only the edited one: the damaged cache is not used
    assert site_files(archive / "site") == cold(archive, tmp_path)


def test_a_few_changed_articles_are_saved_beside_the_parse_cache_not_all_again(archive, tmp_path, trusted_at_once):
    run(archive)
    folder = archive / cache.FOLDER / "parsed"
    [base] = folder.glob("*.pickle")
    before = base.stat()
    articles = sorted((archive / "content").rglob("*.md"))
    retitled(articles[1])
    articles[0].unlink()
    assert run(archive).read == 1
    assert (base.stat().st_ino, base.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    [delta] = folder.glob("*.delta.pickle")
    recorded = delta.stat().st_mtime_ns
    make_tree(archive, {"templates/article.html": '{% extends "default:article.html" %}'})
    assert run(archive).read == 0
    assert delta.stat().st_mtime_ns == recorded  # nothing new to record: the removed article is gone from it too
    retitled(articles[2])
    assert run(archive).read == 1  # the first edit's entry came from the delta
    assert site_files(archive / "site") == cold(archive, tmp_path)
    saved = delta.read_bytes()
    delta.write_bytes(saved[:-10])  # damaged: ignored, so the two files edited since the base are read again
    retitled(articles[3])
    assert run(archive).read == 3
    for path in articles[4 : 4 + parsed.DELTA_MIN + 1]:  # more than a delta holds: a new base, no delta
        retitled(path)
    run(archive)
    assert base.stat().st_ino != before.st_ino and list(folder.glob("*.delta.pickle")) == []
    retitled(articles[-1])
    assert run(archive).read == 1
    assert site_files(archive / "site") == cold(archive, tmp_path)


def test_a_corrupt_cache_is_ignored_and_rewritten(archive, tmp_path):
    run(archive)
    folder = archive / cache.FOLDER / "bodies"
    packs = sorted(folder.glob("*.pack"))
    assert len(packs) >= 2  # one per chunk of the workers
    first, second = (pack_index(pack) for pack in packs[:2])
    (a, at_a), (b, at_b), (c, at_c) = list(first.items())[:3]
    data = bytearray(packs[0].read_bytes())
    data[at_a[0]] = ord("x")  # an entry that no longer parses
    wrong = json.dumps({"key": b, "html": 1}).encode()  # the wrong shape, in an entry's place
    data[at_b[0] : at_b[0] + at_b[1]] = wrong.ljust(at_b[1]) if len(wrong) <= at_b[1] else data[at_b[0] : at_b[0] + at_b[1]]
    first[c] = first[a]  # the index points at another text's entry
    write_pack(packs[0], bytes(data), first)
    packs[1].write_bytes(packs[1].read_bytes()[:-20])  # cut short, as by a full disk: its index is lost
    shutil.rmtree(archive / "site")
    # Every file is read again and its body looked up in the store (however many files the parse
    # cache would trust: those written in the second before the first build, it does not).
    shutil.rmtree(archive / cache.FOLDER / "parsed", ignore_errors=True)
    again = run(archive)
    assert again.rendered_bodies == 3 + len(second)
    assert site_files(archive / "site") == cold(archive, tmp_path)
    shutil.rmtree(archive / "site")
    assert run(archive).rendered_bodies == 0  # what was rendered again is whole in the cache


def pack_index(pack: Path) -> dict[str, list[int]]:
    data = pack.read_bytes()
    return json.loads(data[int.from_bytes(data[-16:-8], "little") : -16])


def write_pack(pack: Path, data: bytes, index: dict[str, list[int]]) -> None:
    """The pack's entries (as they are in data) with this index."""
    start = int.from_bytes(data[-16:-8], "little")
    pack.write_bytes(data[:start] + json.dumps(index).encode() + data[-16:])


def test_the_cache_does_not_grow_with_every_edit(archive):
    run(archive)
    folder = archive / cache.FOLDER / "bodies"
    target = one_article(archive)
    for round_ in range(3):
        append_to(target, f"\nEdit {round_}.\n")
        run(archive)
        entries = [key for pack in folder.glob("*.pack") for key in pack_index(pack)]
        # The article's entry before this edit stays in its pack (until more than half of the
        # bytes are dead): one more, never one more per edit.
        assert len(entries) == SIZE + 1
    assert not [p for p in folder.iterdir() if not p.name.endswith(".pack")]


def test_bodies_rendered_by_the_workers_are_not_rendered_again_by_the_pages(archive, trusted_at_once):
    run(archive)
    folder = archive / cache.FOLDER / "bodies"
    before = set(folder.glob("*.pack"))
    edited = sorted((archive / "content").rglob("*.md"))[: workers.MIN_PARALLEL + 8]  # enough to go to workers
    for path in edited:
        append_to(path)
    result = run(archive)
    assert result.read == result.rendered_bodies == len(edited)
    added = [pack_index(pack) for pack in set(folder.glob("*.pack")) - before]
    assert len(added) > 1  # by the workers, a pack each
    assert sum(len(index) for index in added) == len(edited)  # none made again when a page needed it


def test_without_the_cache_nothing_is_stored(archive):
    run(archive, cache=False)
    assert not (archive / ".cache").exists()


def test_a_cache_that_cannot_be_written_does_not_fail_the_build(archive, tmp_path):
    (archive / ".cache").write_text("a file where the cache folder would go")  # even root cannot mkdir here
    run(archive)
    assert site_files(archive / "site") == cold(archive, tmp_path)


PICTURED = {
    "content/2021/pictured.md": article("title: Pictured\npublished: 2021-06-01\nimage: {src: pictured/photo.png}",
                                        "With a picture: ![A pier](pictured/pier.png)\n"),
    "content/2021/pictured/photo.png": "first photo",
    "content/2021/pictured/pier.png": "first pier",
}


def test_a_build_with_nothing_to_do_only_looks(archive, trusted_at_once):
    make_tree(archive, PICTURED)
    first = run(archive)
    assert not first.unchanged
    site = archive / "site"
    before = {p: p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    for _ in range(2):
        again = run(archive)
        assert again.unchanged and again.changed == 0 and again.read == 0
        assert (again.articles, again.pages, again.files) == (first.articles, first.pages, first.files)
    assert {p: p.stat().st_ino for p in site.rglob("*") if p.is_file()} == before


def test_a_build_with_nothing_to_do_loads_no_parser_template_engine_or_search_code(archive, trusted_at_once):
    run(archive)
    script = (
        "import sys\nfrom pathlib import Path\nfrom generator import build\n"
        f"result = build.build(build.Options(root=Path({str(archive)!r})))\n"
        "print(result.unchanged, sorted(m for m in sys.modules if m.split('.')[0] in "
        "('jinja2', 'markdown_it', 'numpy', 'lunr') or m in ('generator.pipeline', 'generator.load.content')))\n"
    )
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "True []"


SOURCE_DATE = {"SOURCE_DATE_EPOCH": "1767225600"}


@pytest.mark.parametrize("change", [
    "content", "touched", "added", "photo", "body image", "static", "template", "config", "as_of", "option",
    "page removed by hand", "feed changed by hand", "image changed by hand",
])
def test_any_changed_input_or_output_makes_a_build_do_its_work(archive, tmp_path, change, trusted_at_once):
    make_tree(archive, PICTURED)
    environ, options = dict(SOURCE_DATE), {}
    build.build(build.Options(root=archive), environ)
    site, target = archive / "site", one_article(archive)
    if change == "content":
        append_to(target)
    elif change == "touched":
        os.utime(target)  # same bytes, new times: it is read again, and the site is the same
    elif change == "added":
        make_tree(archive, {"content/2024/new.md": article("title: A new one\npublished: 2024-03-02")})
    elif change in ("photo", "body image"):
        name = "photo" if change == "photo" else "pier"
        make_tree(archive, {f"content/2021/pictured/{name}.png": "another, longer picture"})
    elif change == "static":
        make_tree(archive, {"static/extra.css": "body { margin: 0 }\n"})
    elif change == "template":
        make_tree(archive, {"templates/article.html": '{% extends "default:article.html" %}'})
    elif change == "config":
        make_tree(archive, {"archive.yaml": "title: Renamed\nbase_url: https://example.org/a/\n"})
    elif change == "as_of":
        environ = {"SOURCE_DATE_EPOCH": "1767312000"}  # a day later: every footer says so
    elif change == "option":
        options = {"pretty_urls": True}  # links end in a slash
    elif change == "page removed by hand":
        (site / urls_of(target)).unlink()
    elif change == "feed changed by hand":
        (site / "feed.xml").write_text("<feed/>")
    else:
        (site / "2021/pictured/photo.png").write_text("edited in the site")
    again = build.build(build.Options(root=archive, **options), environ)
    assert not again.unchanged
    copy = tmp_path / "cold-root"
    shutil.copytree(archive, copy, ignore=shutil.ignore_patterns(".cache", "site"))
    build.build(build.Options(root=copy, output=tmp_path / "cold-site", **options), environ)
    assert site_files(site) == site_files(tmp_path / "cold-site")


def urls_of(article_file: Path) -> str:
    return f"{article_file.parent.name}/{article_file.stem}/index.html"


def test_a_build_right_after_an_edit_is_not_trusted_as_a_snapshot(archive):
    time.sleep(cache.RACY_NS / 1e9 + 0.05)  # the archive's files are trusted from now on: what follows is the edit's
    run(archive)
    assert run(archive).unchanged
    target = one_article(archive)
    append_to(target)
    run(archive)  # within a second of the edit: a second edit in the same clock tick would look the same
    assert not run(archive).unchanged


@pytest.mark.parametrize("library", ["Jinja2", "PyYAML", "lunr", "markdown-it-pyrs"])
def test_another_version_of_a_library_that_shapes_the_output_misses_every_cache(monkeypatch, library):
    before = cache.fingerprint()
    real = cache.installed_versions()
    assert cache._project(library) in real
    monkeypatch.setattr(cache, "installed_versions", lambda: {**real, cache._project(library): "99.0"})
    cache.fingerprint.cache_clear()
    try:
        assert cache.fingerprint() != before
    finally:
        cache.fingerprint.cache_clear()  # the real versions again, once monkeypatch restores them


def test_the_versions_in_the_fingerprint_are_those_importlib_metadata_reports():
    versions = cache.installed_versions()
    for library in cache._LIBRARIES:
        try:
            expected = metadata.version(library)
        except metadata.PackageNotFoundError:
            expected = None
        assert versions.get(cache._project(library)) == expected, library


def test_a_page_changed_by_hand_in_the_site_is_rendered_again(archive, tmp_path):
    run(archive)
    page = next((archive / "site").glob("*/*/index.html"))
    good = page.read_bytes()
    data = bytearray(good)
    data[-20] ^= 1  # one flipped bit, same size
    page.write_bytes(bytes(data))
    again = run(archive)
    assert again.rendered_pages == 1
    assert page.read_bytes() == good


@pytest.mark.parametrize("damage", ["garbage", "shape", "short", "old"])
def test_a_damaged_manifest_is_ignored(archive, tmp_path, damage):
    first = run(archive)
    [manifest] = (archive / cache.FOLDER / "outputs").glob("*.pickle")
    if damage == "garbage":
        manifest.write_bytes(manifest.read_bytes()[:100])
    elif damage == "shape":
        cache.save_checked(manifest, {"version": cache.fingerprint(), "files": [1, 2]})
    elif damage == "short":  # an entry's values missing
        saved = cache.load_checked(manifest)
        cache.save_checked(manifest, {**saved, "values": saved["values"][:-1]})
    else:  # written by another version of the generator
        cache.save_checked(manifest, {**cache.load_checked(manifest), "version": "0" * 32})
    again = run(archive)
    assert again.rendered_pages == first.rendered_pages  # every page rendered again
    assert site_files(archive / "site") == cold(archive, tmp_path)


def test_a_search_file_changed_by_hand_makes_the_index_be_built_again(archive, tmp_path):
    run(archive)
    shard = sorted((archive / "site/search").rglob("*.js"))[3]
    shard.write_text("ArchiveSearch.receive('x', 1);\n")
    again = run(archive)
    assert again.searched == again.articles
    assert site_files(archive / "site") == cold(archive, tmp_path)
