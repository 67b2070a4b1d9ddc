"""`archive import` as a user runs it: idempotency, hand edits, dry runs, collisions and bad input."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib

from generator.archive import frontmatter, schema
from generator.archive.model import Image, PartialDate, Source
from generator.ingest import emit
from generator.ingest.record import Imported
from generator.load import content
from tests.helpers import STORY, make_tree


def _articles(root):
    articles, problems = content.load(root, ".", dt.timezone.utc)
    assert problems == []
    return articles


def _snapshot(root):
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted((root / "content").rglob("*")) if p.is_file()}


def test_importing_again_changes_nothing(cli, tmp_path):
    inputs = make_tree(tmp_path / "in", {"a.txt": STORY.format(title="Harbour plan approved"),
                                         "b.txt": STORY.format(title="Harbour plan opposed")})
    root = tmp_path / "archive"
    first = cli("import", inputs, "--root", root)
    assert first.code == 0 and "Imported 2, unchanged 0, kept 0, skipped 0, failed 0" in first.out
    before = _snapshot(root)
    again = cli("import", inputs, "--root", root)
    assert again.code == 0 and "Imported 0, unchanged 2, kept 0, skipped 0, failed 0" in again.out
    assert _snapshot(root) == before  # same bytes, files not even touched
    assert sorted(before) == ["content/2021/harbour-plan-approved.md", "content/2021/harbour-plan-opposed.md"]


def test_output_is_byte_identical_across_roots(cli, tmp_path):
    inputs = make_tree(tmp_path / "in", {"a.txt": STORY.format(title="Harbour plan approved")})
    cli("import", inputs / "a.txt", "--root", tmp_path / "one")
    cli("import", inputs / "a.txt", "--root", tmp_path / "two")
    one = (tmp_path / "one/content/2021/harbour-plan-approved.md").read_bytes()
    assert one == (tmp_path / "two/content/2021/harbour-plan-approved.md").read_bytes()


def test_a_hand_edited_article_is_kept_unless_forced(cli, tmp_path):
    make_tree(tmp_path, {"in/a.txt": STORY.format(title="Harbour plan approved")})
    root = tmp_path
    assert cli("import", tmp_path / "in", "--root", root).code == 0
    path = root / "content/2021/harbour-plan-approved.md"
    edited = path.read_text().replace("Opponents said", "Critics said")
    path.write_text(edited)
    kept = cli("import", tmp_path / "in", "--root", root)
    assert kept.code == 0  # keeping a hand edit is not a failure
    assert "Imported 0, unchanged 0, kept 1, skipped 0, failed 0" in kept.out
    assert kept.err.splitlines() == [
        "kept content/2021/harbour-plan-approved.md: edited by hand since its import; left as it is "
        f"(--force replaces it) <- {tmp_path / 'in/a.txt'}"]
    assert path.read_text() == edited
    forced = cli("import", tmp_path / "in", "--root", root, "--force")
    assert forced.code == 0 and "Imported 1" in forced.out
    assert "Opponents said" in path.read_text()


def test_dry_run_shows_what_would_be_written_and_writes_nothing(cli, tmp_path):
    make_tree(tmp_path, {"in/a.txt": STORY.format(title="Harbour plan approved")})
    ran = cli("import", tmp_path / "in", "--root", tmp_path / "archive", "--dry-run")
    assert ran.code == 0
    assert "would write content/2021/harbour-plan-approved.md" in ran.out
    assert not (tmp_path / "archive").exists()


def test_the_root_and_its_content_are_created(cli, tmp_path):
    make_tree(tmp_path, {"a.txt": STORY.format(title="Harbour plan approved")})
    root = tmp_path / "new" / "archive"
    assert cli("import", tmp_path / "a.txt", "--root", root).code == 0
    [article] = _articles(root)
    assert article.provenance["file"] == str(tmp_path / "a.txt")  # outside the root: as given
    inside = make_tree(root, {"inbox/b.txt": STORY.format(title="Second story")})
    assert cli("import", inside / "inbox", "--root", root).code == 0
    second = [a for a in _articles(root) if a.title == "Second story"][0]
    assert second.provenance["file"] == "inbox/b.txt"  # inside the root: relative to it


def test_title_collisions_get_distinct_slugs_deterministically(cli, tmp_path):
    inputs = make_tree(tmp_path / "in", {
        "a.txt": STORY.format(title="Harbour plan approved"),
        "b.txt": STORY.format(title="Harbour plan approved") + "\nA third paragraph makes this input differ.\n",
    })
    assert cli("import", inputs, "--root", tmp_path / "r1").code == 0
    names = sorted(p.name for p in (tmp_path / "r1/content/2021").iterdir())
    assert names == ["harbour-plan-approved-2.md", "harbour-plan-approved.md"]
    by_file = {a.provenance["file"]: a.slug for a in _articles(tmp_path / "r1")}
    assert by_file == {str(inputs / "a.txt"): "harbour-plan-approved", str(inputs / "b.txt"): "harbour-plan-approved-2"}
    assert cli("import", inputs, "--root", tmp_path / "r1").out.count("unchanged 2") == 1
    assert cli("build", "--root", tmp_path / "r1").code == 0


def test_undated_articles_go_under_undated(cli, tmp_path):
    make_tree(tmp_path, {"a.txt": "A story without a date\n\n" + "Words of the story go on for a while here. " * 5})
    assert cli("import", tmp_path / "a.txt", "--root", tmp_path / "r").code == 0
    assert (tmp_path / "r/content/undated/a-story-without-a-date.md").is_file()


def _warc_gz_truncated() -> bytes:
    body = ("<html><head><title>T</title></head><body><article><p>" + "word " * 400 + "</p></article></body></html>")
    record = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.com/\r\n"
              b"Content-Length: 9999\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body.encode())
    data = gzip.compress(record)
    return data[: len(data) // 2]


def test_bad_inputs_each_get_a_message_and_the_good_ones_are_still_imported(cli, tmp_path):
    inputs = make_tree(tmp_path / "in", {
        "empty.txt": "",
        "blank.txt": "  \n\n ",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "broken.txt": "Title\n\nCaf\u00e9 na\u00efve r\u00e9sum\u00e9 ".encode() + b"\xff\xfe bad bytes " + "d\u00e9j\u00e0".encode(),
        "nothing.html": "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        "cut.warc.gz": _warc_gz_truncated(),
        "notwarc.warc": "just some text, not a WARC",
        "bad.md": "---\ntitle: Fine\npublished: 2020-13-01\n---\n\nBody.\n",
        "good.txt": STORY.format(title="Harbour plan approved"),
    })
    root = tmp_path / "archive"
    ran = cli("import", inputs, tmp_path / "missing.txt", "--root", root)
    assert ran.code == 1
    assert "Imported 1, unchanged 0, kept 0, skipped 0, failed 9" in ran.out
    messages = dict(line.split(": ", 1) for line in ran.err.strip().splitlines())
    shown = lambda name: str(inputs / name)  # noqa: E731
    assert messages[shown("empty.txt")] == "is empty"
    assert messages[shown("blank.txt")] == "is empty"
    assert "binary" in messages[shown("binary.txt")]
    assert "not valid UTF-8" in messages[shown("broken.txt")]
    assert "no article" in messages[shown("nothing.html")]
    assert "truncated" in messages[shown("cut.warc.gz")]
    assert "not a WARC" in messages[shown("notwarc.warc")]
    assert "line 3" in messages[shown("bad.md")] and "month 13" in messages[shown("bad.md")]
    assert messages[str(tmp_path / "missing.txt")] == "no such file or folder"
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    sha = hashlib.sha256((inputs / "good.txt").read_bytes()).hexdigest()
    # no half-written or temporary file; the one input imported is kept as its original
    assert files == ["content/2021/harbour-plan-approved.md", f"originals/{sha[:2]}/{sha}.txt.gz"]


def test_front_matter_round_trips_awkward_titles(tmp_path):
    for title in ('Breaking: "quotes" & colons: here #1', "Ärger in Köln — 'ja' oder nein?", "1984",
                  "yes", "null", "東京: 速報 #2", "- starts with a dash", "ends with a colon:"):
        record = Imported(
            kind="text", title=title, body="Body text.\n", published=PartialDate(2020, 5),
            authors=("Zoë O'Neil",), sources=(Source(name="Le Monde: édition", url="https://example.org/a?b=1#c"),),
            image=Image(caption="A caption: with # marks", credit="X/Y"), rights=("© 2020 Someone",),
        )
        text = emit.render(record, "a-slug", "content/2020/a-slug.md", record.image,
                           {"file": "in/a.txt", "sha256": "0" * 64, "importer": "text"})
        yaml_text, *_ = frontmatter.split(text)
        source = content.SourceFile(tmp_path / "a-slug.md", "content/2020/a-slug.md", "a-slug.md")
        article, problems = content.parse(text, source, dt.timezone.utc)
        assert problems == [] and article.title == title
        assert article.authors == ("Zoë O'Neil",) and article.sources == record.sources
        assert article.image.caption == "A caption: with # marks"
        assert not emit.edited_by_hand(text)
        again = frontmatter.join(schema.to_data(article, default_slug="a-slug"), article.body)
        assert again == text


def test_a_changed_input_updates_its_article_unless_edited_by_hand(cli, tmp_path):
    make_tree(tmp_path, {"in/a.txt": STORY.format(title="Harbour plan approved")})
    assert cli("import", tmp_path / "in", "--root", tmp_path).code == 0
    path = tmp_path / "content/2021/harbour-plan-approved.md"
    (tmp_path / "in/a.txt").write_text(STORY.format(title="Harbour plan approved") + "\nA late addition.\n")
    ran = cli("import", tmp_path / "in", "--root", tmp_path)
    assert "Imported 1, unchanged 0" in ran.out and "updated content/2021/harbour-plan-approved.md" in ran.out
    assert "A late addition." in path.read_text()
    assert [p.name for p in (tmp_path / "content/2021").iterdir()] == ["harbour-plan-approved.md"]
    path.write_text(path.read_text().replace("A late addition.", "A late edit."))
    (tmp_path / "in/a.txt").write_text(STORY.format(title="Harbour plan approved") + "\nAnother change.\n")
    kept = cli("import", tmp_path / "in", "--root", tmp_path)
    assert "kept 1, skipped 0" in kept.out and "A late edit." in path.read_text()
    assert "kept content/2021/harbour-plan-approved.md: edited by hand since its import" in kept.err


def test_importing_an_archives_own_folder_reads_only_its_inputs(cli, tmp_path):
    # A user keeps scrapes in the archive's folder and runs `archive import .` there: the archive's
    # own folders, its exports (a bag, a ZIM) and its templates are not inputs.
    root = tmp_path / "archive"
    make_tree(root, {"scrapes/harbour.txt": STORY.format(title="Harbour plan approved")})
    assert cli("import", root / "scrapes", "--root", root).code == 0
    assert cli("build", "--root", root).code == 0
    assert cli("export", "bagit", "--root", root).code == 0
    make_tree(root, {
        "templates/article.html": "{% extends 'base.html' %}",
        "static/extra.html": "<html><body><p>A page of the site's own.</p></body></html>",
        "archive.zim": b"ZIM\x04" + bytes(64),
        "archive.zim.manifest": "A/index.html 0123\n",
        "scrapes/ferry.txt": STORY.format(title="Ferry timetable changes"),
    })
    ran = cli("import", root, "--root", root)
    assert ran.code == 0, ran.err
    assert "Imported 1, unchanged 1, kept 0, skipped 0, failed 0" in ran.out
    assert sorted(p.name for p in (root / "content").rglob("*.md")) == [
        "ferry-timetable-changes.md", "harbour-plan-approved.md"]
