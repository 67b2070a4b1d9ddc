"""`archive export bagit`: a bag the `bagit` library validates, holding the archive and its site,
the same bytes every time, and never written over someone else's folder."""

from __future__ import annotations

import bagit
import pytest

from tests.helpers import article, make_tree, site_files


def test_the_bag_validates_and_holds_the_archive_and_its_built_site(bundled, cli):
    ran = cli("export", "bagit", "--root", bundled)
    assert ran.code == 0, ran.err
    assert ran.out.startswith("Bagged 1 article: ") and ran.out.rstrip().endswith(str(bundled / "bag"))
    bag = bagit.Bag(str(bundled / "bag"))
    bag.validate()  # every checksum, the Payload-Oxum, and the tag manifest
    payload = set(bag.payload_files())
    sources = {f"data/{p.relative_to(bundled).as_posix()}" for p in (bundled / "content").rglob("*") if p.is_file()}
    assert sources <= payload and "data/archive.yaml" in payload
    assert {"data/site/index.html", "data/site/feed.xml", "data/site/search/index.html"} <= payload
    assert bag.info["Bagging-Date"] == "2026-01-01"  # SOURCE_DATE_EPOCH, as the site's "as of"
    assert bag.info["Source-Organization"] == "Article Archive"
    assert bag.info["Bag-Software-Agent"].startswith("article-archive ")
    assert sorted(bag.algorithms) == ["sha256"]


def test_the_same_archive_gives_the_same_bag(bundled, cli):
    assert cli("export", "bagit", "--root", bundled, "--output", bundled / "one").code == 0
    assert cli("export", "bagit", "--root", bundled, "--output", bundled / "two").code == 0
    one, two = site_files(bundled / "one"), site_files(bundled / "two")
    assert one == two and len(one) > 100


def test_a_changed_file_in_the_bag_is_caught(bundled, cli):
    assert cli("export", "bagit", "--root", bundled).code == 0
    page = bundled / "bag/data/site/index.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<script>x()</script></body>"))
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(bundled / "bag")).validate()


def test_an_export_again_replaces_its_own_bag(bundled, cli):
    assert cli("export", "bagit", "--root", bundled).code == 0
    make_tree(bundled, {"content/2021/added.md": article("title: Added later\npublished: 2021-02-03")})
    ran = cli("export", "bagit", "--root", bundled)
    assert ran.code == 0 and ran.out.startswith("Bagged 2 articles")
    bag = bagit.Bag(str(bundled / "bag"))
    bag.validate()
    assert "data/content/2021/added.md" in set(bag.payload_files())
    assert [p.name for p in bundled.iterdir() if p.name.startswith(".article-archive")] == []  # nothing left beside


def test_a_folder_that_is_not_a_bag_of_ours_is_refused_and_left_alone(bundled, cli):
    make_tree(bundled, {"mine/notes.txt": "my notes\n"})
    ran = cli("export", "bagit", "--root", bundled, "--output", bundled / "mine")
    assert ran.code == 2 and "refusing to replace" in ran.err
    assert (bundled / "mine/notes.txt").read_text() == "my notes\n"
    assert sorted(p.name for p in (bundled / "mine").iterdir()) == ["notes.txt"]


def test_an_archive_with_problems_gives_no_bag(tmp_path, cli):
    root = make_tree(tmp_path / "news", {"content/2020/a.md": article("title: A\npublished: 2020-13-45")})
    ran = cli("export", "bagit", "--root", root)
    assert ran.code == 1 and "content/2020/a.md:" in ran.err and "no bag was written" in ran.err
    assert not (root / "bag").exists()
    assert [p.name for p in root.iterdir() if p.name.startswith(".article-archive")] == []
