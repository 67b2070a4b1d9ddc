"""Versions on import: every capture kept (its original gzipped, its article as a version), one article
per page, the article following the latest capture unless edited by hand; bad captures reported."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib

from generator.ingest import originals
from generator.load import content
from tests.helpers import PAGE_URL, PARAGRAPHS, STORY, make_tree, page, write_warc

URL = PAGE_URL
CHANGED = "Engineers found cracks in three of the bridge's steel supports during an inspection in the spring"


def _articles(root):
    found, problems = content.load(root, ".", dt.timezone.utc)
    assert problems == [], problems
    return found


def _versions(root):
    return sorted(p.relative_to(root).as_posix() for p in (root / "content").rglob("*.versions/*.md"))


def test_every_input_is_kept_gzipped_under_its_sha256_reproducibly(cli, tmp_path):
    make_tree(tmp_path, {"in/bridge.html": page(), "in/story.txt": STORY.format(title="Harbour plan approved")})
    for root in ("r", "again"):
        assert cli("import", tmp_path / "in", "--root", tmp_path / root).code == 0
    kept = sorted((tmp_path / "r/originals").rglob("*.gz"))
    assert sorted(p.name.split(".", 1)[1] for p in kept) == ["html.gz", "txt.gz"]
    for path in kept:
        data = gzip.decompress(path.read_bytes())
        sha = hashlib.sha256(data).hexdigest()
        assert path.name.startswith(sha) and path.parent.name == sha[:2]
        assert data in ((tmp_path / "in/bridge.html").read_bytes(), (tmp_path / "in/story.txt").read_bytes())
        assert path.read_bytes()[4:8] == b"\0\0\0\0"  # gzip mtime 0
        assert path.read_bytes() == (tmp_path / "again" / path.relative_to(tmp_path / "r")).read_bytes()
    article = next(a for a in _articles(tmp_path / "r") if a.provenance["importer"] == "html")
    assert (tmp_path / "r" / originals.original_of(article.provenance)).is_file()  # found from the provenance
    assert cli("build", "--root", tmp_path / "r").code == 0
    assert not any("originals" in p.parts for p in (tmp_path / "r/site").rglob("*"))
    # The BagIt export carries them.
    assert cli("export", "bagit", "--root", tmp_path / "r", "--output", tmp_path / "bag").code == 0
    manifest = (tmp_path / "bag/manifest-sha256.txt").read_text()
    for path in kept:
        assert f"data/{path.relative_to(tmp_path / 'r').as_posix()}" in manifest


def test_a_new_capture_of_a_page_is_a_version_and_the_article_follows_it(cli, tmp_path):
    make_tree(tmp_path, {"one/bridge.html": page(), "two/bridge.html": page().replace(PARAGRAPHS[1][:95], CHANGED)})
    first = cli("import", tmp_path / "one", "--root", tmp_path / "r", "--captured", "2021-04-08T12:00")
    assert first.code == 0 and "Imported 1, unchanged 0, kept 0, skipped 0, failed 0, new versions 1" in first.out
    second = cli("import", tmp_path / "two", "--root", tmp_path / "r", "--captured", "2021-04-09T12:00:30")
    assert second.code == 0, second.err
    assert "Imported 1, unchanged 0, kept 0, skipped 0, failed 0, new versions 1" in second.out
    assert "updated content/2021/harbour-bridge-to-close-for-a-year.md" in second.out
    (article,) = _articles(tmp_path / "r")  # the loader takes no version for an article
    assert CHANGED in article.body and article.provenance["captured"] == "2021-04-09T12:00:30Z"
    folder = "content/2021/harbour-bridge-to-close-for-a-year.versions"
    assert _versions(tmp_path / "r") == [f"{folder}/20210408120000.md", f"{folder}/20210409120030.md"]
    assert CHANGED not in (tmp_path / "r" / folder / "20210408120000.md").read_text()
    assert (tmp_path / "r" / folder / "20210409120030.md").read_text() == \
        (tmp_path / "r/content/2021/harbour-bridge-to-close-for-a-year.md").read_text()
    # Importing either again changes nothing.
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "r").rglob("*")}
    again = cli("import", tmp_path / "one", tmp_path / "two", "--root", tmp_path / "r")
    assert "Imported 0, unchanged 2, kept 0, skipped 0, failed 0, new versions 0" in again.out
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "r").rglob("*")} == before
    built = cli("build", "--root", tmp_path / "r")
    assert built.code == 0 and "Built 1 article" in built.out


def test_a_hand_edited_article_is_kept_and_the_new_capture_still_recorded(cli, tmp_path):
    make_tree(tmp_path, {"one/bridge.html": page(), "two/bridge.html": page().replace(PARAGRAPHS[1][:95], CHANGED)})
    cli("import", tmp_path / "one", "--root", tmp_path / "r", "--captured", "2021-04-08T12:00")
    path = tmp_path / "r/content/2021/harbour-bridge-to-close-for-a-year.md"
    path.write_text(path.read_text() + "\nAn editor's note.\n")
    ran = cli("import", tmp_path / "two", "--root", tmp_path / "r", "--captured", "2021-04-09T12:00")
    assert ran.code == 0 and "kept 1" in ran.out and "new versions 1" in ran.out
    assert "the capture is kept as content/2021/harbour-bridge-to-close-for-a-year.versions/20210409120000.md" in ran.err
    assert "An editor's note." in path.read_text() and CHANGED not in path.read_text()
    assert len(_versions(tmp_path / "r")) == 2


def test_a_warc_with_captures_of_one_url_gives_one_article_with_versions_in_capture_order(cli, tmp_path):
    latest = page().replace(PARAGRAPHS[1][:95], CHANGED)
    write_warc(tmp_path / "crawl.warc.gz", [(URL, "2021-04-09T08:00:00Z", latest), (URL, "2021-04-08T12:00:00Z", page())])
    ran = cli("import", tmp_path / "crawl.warc.gz", "--root", tmp_path / "r")
    assert ran.code == 0 and "Imported 1, unchanged 0, kept 0, skipped 0, failed 0, new versions 2" in ran.out
    (article,) = _articles(tmp_path / "r")
    assert CHANGED in article.body and article.provenance["captured"] == "2021-04-09T08:00:00Z"
    assert [(s.url, s.retrieved.moment.isoformat()) for s in article.sources] == [(URL, "2021-04-09T08:00:00+00:00")]
    assert [v.rsplit("/", 1)[1] for v in _versions(tmp_path / "r")] == ["20210408120000.md", "20210409080000.md"]


def test_a_second_capture_at_the_same_time_is_refused_and_nothing_is_overwritten(cli, tmp_path):
    make_tree(tmp_path, {"one/bridge.html": page(), "two/bridge.html": page().replace(PARAGRAPHS[1][:95], CHANGED)})
    cli("import", tmp_path / "one", "--root", tmp_path / "r", "--captured", "2021-04-08T12:00")
    before = {p: p.read_bytes() for p in (tmp_path / "r/content").rglob("*") if p.is_file()}
    ran = cli("import", tmp_path / "two", "--root", tmp_path / "r", "--captured", "2021-04-08T12:00")
    assert ran.code == 1 and "failed 1" in ran.out
    assert (f"{tmp_path / 'two/bridge.html'}: was captured at 2021-04-08T12:00:00Z, the time of content/2021/"
            "harbour-bridge-to-close-for-a-year.versions/20210408120000.md, another capture of the same article: "
            "two versions cannot share a time, so it is not stored") in ran.err
    assert {p: p.read_bytes() for p in (tmp_path / "r/content").rglob("*") if p.is_file()} == before


def test_a_capture_older_than_its_published_date_is_kept_with_a_warning(cli, tmp_path):
    make_tree(tmp_path, {"in/bridge.html": page()})  # published 2021-04-06
    ran = cli("import", tmp_path / "in", "--root", tmp_path / "r", "--captured", "2020-01-01")
    assert ran.code == 0 and "new versions 1" in ran.out
    # A warning names the input and the article (`INPUT -> ARTICLE: `), not a failure's `INPUT: `.
    assert (f"{tmp_path / 'in/bridge.html'} -> content/2021/harbour-bridge-to-close-for-a-year.md: captured "
            "2020-01-01, before the date it says it was published (2021-04-06): kept as captured; "
            "check the capture time") in ran.err


def test_an_older_capture_imported_later_is_a_version_and_the_article_stays_at_the_latest(cli, tmp_path):
    make_tree(tmp_path, {"new/bridge.html": page().replace(PARAGRAPHS[1][:95], CHANGED), "old/bridge.html": page()})
    cli("import", tmp_path / "new", "--root", tmp_path / "r", "--captured", "2021-04-09")
    ran = cli("import", tmp_path / "old", "--root", tmp_path / "r", "--captured", "2021-04-08")
    assert ran.code == 0 and "Imported 0, unchanged 0, kept 0, skipped 0, failed 0, new versions 1" in ran.out
    assert "captured before the article's latest capture (20210409000000): kept as a version" in ran.err
    (article,) = _articles(tmp_path / "r")
    assert CHANGED in article.body


def test_a_reused_url_whose_text_shares_almost_nothing_is_another_article(cli, tmp_path):
    other = page(paragraphs=[
        "Tickets for the summer music festival sold out within minutes of going online on Friday morning.",
        "Organisers apologised to fans whose payments failed and promised a second release in June.",
        "Twelve bands will play across three stages, including several acts from abroad.",
        "Local hotels reported bookings doubling for the festival weekend compared with last year.",
        "Residents near the park have asked for a quieter final night after complaints about noise.",
        "The city said extra buses would run until two in the morning on each of the three days.",
        "A smaller stage for young local musicians returns after a two-year break, organisers said.",
    ]).replace("Harbour bridge to close for a year", "Festival tickets sell out in minutes")
    make_tree(tmp_path, {"one/bridge.html": page(), "two/festival.html": other})
    cli("import", tmp_path / "one", "--root", tmp_path / "r", "--captured", "2021-04-08")
    ran = cli("import", tmp_path / "two", "--root", tmp_path / "r", "--captured", "2021-05-08")
    assert ran.code == 0 and "Imported 1" in ran.out
    assert "has the URL of content/2021/harbour-bridge-to-close-for-a-year.md but shares only" in ran.err
    assert "another article at a reused URL, imported as a new article" in ran.err
    assert sorted(a.title for a in _articles(tmp_path / "r")) == [
        "Festival tickets sell out in minutes", "Harbour bridge to close for a year"]


def test_version_of_names_the_article_a_scrape_without_url_is_a_capture_of(cli, tmp_path):
    story = STORY.format(title="Harbour plan approved")
    make_tree(tmp_path, {"a/plan.txt": story, "b/plan.txt": story.replace("long debate", "short debate")})
    cli("import", tmp_path / "a", "--root", tmp_path / "r", "--captured", "2021-06-03T10:00")
    ran = cli("import", tmp_path / "b", "--root", tmp_path / "r", "--captured", "2021-06-04T10:00",
              "--version-of", "harbour-plan-approved")
    assert ran.code == 0 and "updated content/2021/harbour-plan-approved.md" in ran.out
    (article,) = _articles(tmp_path / "r")
    assert "short debate" in article.body and len(_versions(tmp_path / "r")) == 2
    missing = cli("import", tmp_path / "b", "--root", tmp_path / "r", "--version-of", "no-such-article")
    assert missing.code == 1 and "--version-of no-such-article: the archive has no article with that slug" in missing.err


def test_a_scrape_without_a_capture_time_is_no_version_and_its_url_is_reported(cli, tmp_path):
    make_tree(tmp_path, {"one/bridge.html": page(), "two/bridge.html": page().replace(PARAGRAPHS[1][:95], CHANGED)})
    assert cli("import", tmp_path / "one", "--root", tmp_path / "r").code == 0
    ran = cli("import", tmp_path / "two", "--root", tmp_path / "r")
    assert ran.code == 0 and "new versions 0" in ran.out and _versions(tmp_path / "r") == []
    assert ("has the URL of content/2021/harbour-bridge-to-close-for-a-year.md: a capture of it? With no capture "
            "time it cannot be one of its versions (--captured gives the time of a scrape)") in ran.err


def test_a_dry_run_shows_the_versions_it_would_add_and_writes_nothing(cli, tmp_path):
    latest = page().replace(PARAGRAPHS[1][:95], CHANGED)
    write_warc(tmp_path / "crawl.warc", [(URL, "2021-04-09T08:00:00Z", latest), (URL, "2021-04-08T12:00:00Z", page())])
    ran = cli("import", tmp_path / "crawl.warc", "--root", tmp_path / "r", "--dry-run")
    assert ran.code == 0 and not (tmp_path / "r").exists()
    folder = "content/2021/harbour-bridge-to-close-for-a-year"
    assert ran.out.splitlines() == [
        f"would add version {folder}.versions/20210408120000.md <- {tmp_path / 'crawl.warc'}",
        f"would write {folder}.md <- {tmp_path / 'crawl.warc'}",
        f"would add version {folder}.versions/20210409080000.md <- {tmp_path / 'crawl.warc'}",
        f"would update {folder}.md <- {tmp_path / 'crawl.warc'}",
        "Dry run: would have imported 1, unchanged 0, kept 0, skipped 0, failed 0, new versions 2",
    ]
