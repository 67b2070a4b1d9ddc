"""Building sites: what pages exist, what they say, and how the output folder is treated."""

import os
import re
import shutil
from pathlib import Path

import pytest

from generator import writer
from tests.conftest import article, make_tree, site_files


def build_ok(cli, root, *extra):
    ran = cli("build", "--root", root, *extra)
    assert ran.code == 0, ran.err
    return Path(extra[extra.index("--output") + 1]) if "--output" in extra else root / "site"


def test_a_root_with_only_content_builds_with_defaults(tmp_path, cli):
    root = make_tree(tmp_path / "my-papers", {"content/2021/a.md": article("title: A\npublished: 2021-03-04")})
    site = build_ok(cli, root)
    home = (site / "index.html").read_text()
    assert "<title>my-papers</title>" in home
    assert (site / "2021/a/index.html").is_file()
    assert (site / "2021/03/index.html").is_file()
    assert (site / "2021/index.html").is_file()


def test_articles_live_at_year_and_slug_and_undated_ones_under_undated(tmp_path, cli):
    root = make_tree(tmp_path, {
        "content/x.md": article("title: Dated\npublished: 1999"),
        "content/y.md": article("title: No date\nslug: no-date-here"),
    })
    site = build_ok(cli, root)
    assert (site / "1999/x/index.html").is_file()
    assert (site / "undated/no-date-here/index.html").is_file()
    assert "No date" in (site / "undated/index.html").read_text()
    assert not (site / "1999/01").exists()  # a year-only date belongs to no month


def test_listings_for_tags_authors_sources_and_flags(tmp_path, cli):
    root = make_tree(tmp_path, {
        "content/a.md": article(
            "title: Alpha\npublished: 2020-01-02\ntags: [Energy, C++]\nauthors: [Ana Ruiz]\n"
            "sources: [{name: The Daily, url: 'https://daily.example/a'}]\nflags: [disputed]"
        ),
        "content/b.md": article(
            "title: Beta\npublished: 2020-02-03\ntags: [energy]\nsources: [{url: 'https://www.other.example/b'}]\n"
            "corrections: [{date: 2020-02-04, text: Name fixed.}]"
        ),
    })
    site = build_ok(cli, root)
    energy = (site / "tags/energy/index.html").read_text()
    assert "Alpha" in energy and "Beta" in energy  # "Energy" and "energy" are one tag
    assert "Alpha" in (site / "tags/c/index.html").read_text()
    assert "Alpha" in (site / "authors/ana-ruiz/index.html").read_text()
    assert "Beta" in (site / "sources/other-example/index.html").read_text()
    assert "Beta" in (site / "flags/corrected/index.html").read_text()  # corrections imply the flag
    assert "Alpha" in (site / "flags/disputed/index.html").read_text()
    tags_index = (site / "tags/index.html").read_text()
    assert 'href="energy/index.html"' in tags_index and ">2<" in tags_index


def test_listings_paginate_at_per_page(tmp_path, cli):
    files = {"archive.yaml": "title: T\nper_page: 2\n"}
    for day in range(1, 6):
        files[f"content/a{day}.md"] = article(f"title: Day {day}\npublished: 2020-05-0{day}")
    site = build_ok(cli, make_tree(tmp_path, files))
    first = (site / "2020/index.html").read_text()
    assert "Day 5" in first and "Day 4" in first and "Day 3" not in first
    assert 'href="page/2/index.html"' in first
    second = (site / "2020/page/2/index.html").read_text()
    assert "Day 3" in second and "Page 2 of 3" in second
    assert 'href="../../index.html"' in second  # back to page 1
    assert "Day 1" in (site / "2020/page/3/index.html").read_text()
    assert "Day 1" in (site / "2020/05/page/3/index.html").read_text()


def test_prev_and_next_follow_publication_time(tmp_path, cli):
    site = build_ok(cli, make_tree(tmp_path, {
        "content/old.md": article("title: Old one\npublished: 2019"),
        "content/mid.md": article("title: Middle one\npublished: 2020-06"),
        "content/new.md": article("title: New one\npublished: 2021-01-01"),
    }))
    middle = (site / "2020/mid/index.html").read_text()
    assert re.search(r'rel="prev" href="../../2019/old/index.html">← Older: Old one', middle)
    assert re.search(r'rel="next" href="../../2021/new/index.html">Newer: New one', middle)


def test_banners_are_honest(tmp_path, cli):
    site = build_ok(cli, make_tree(tmp_path, {
        "archive.yaml": "title: T\noutdated_after: 3y\nas_of: 2024-06-01\n",
        "content/old.md": article("title: Old\npublished: 2020\nflags: [archived]"),
        "content/edge.md": article("title: Edge\npublished: 2021-06"),  # still within 3 years
        "content/refreshed.md": article("title: Refreshed\npublished: 2010\nupdated: 2023-01-01"),
        "content/fixed.md": article(
            "title: Fixed\npublished: 2024-01-01\ncorrections:\n  - date: 2024-01-03\n    text: The mayor's name was misspelt."
        ),
    }))
    old = (site / "2020/old/index.html").read_text()
    assert "banner-archived" in old and "banner-outdated" in old
    assert "more than 3 years old as of 1 June 2024" in old
    assert "banner-outdated" not in (site / "2021/edge/index.html").read_text()
    assert "banner-outdated" not in (site / "2010/refreshed/index.html").read_text()
    fixed = (site / "2024/fixed/index.html").read_text()
    assert "banner-corrected" in fixed
    assert "3 January 2024</time>: The mayor&#39;s name was misspelt." in fixed
    listed = (site / "flags/outdated/index.html").read_text()
    assert "Old" in listed and "Edge" not in listed


def test_local_images_are_copied_and_remote_ones_only_linked(tmp_path, cli):
    site = build_ok(cli, make_tree(tmp_path, {
        "content/2020/a.md": article("title: A\npublished: 2020\nimage: {src: a/photo.png, alt: Tanks, credit: AFP}"),
        "content/2020/a/photo.png": b"\x89PNG fake",
        "content/2020/b.md": article("title: B\npublished: 2020\nimage: {src: 'https://cdn.example/p.jpg', caption: Far away}"),
    }))
    assert (site / "2020/a/photo.png").read_bytes() == b"\x89PNG fake"
    assert '<img src="photo.png" alt="Tanks">' in (site / "2020/a/index.html").read_text()
    remote = (site / "2020/b/index.html").read_text()
    assert "<img" not in remote
    assert 'href="https://cdn.example/p.jpg"' in remote and "Far away" in remote


def test_structured_data_and_opengraph_describe_the_article(tmp_path, cli):
    import json

    site = build_ok(cli, make_tree(tmp_path, {
        "content/a.md": article(
            "title: A </script> title\npublished: 2020-08\nupdated: 2020-09-01\nauthors: [Ana]\n"
            "rights: © 2020 X\nimage: {caption: C, credit: AFP}\n"
            "sources: [{name: X, url: 'https://x.example/a', archived_at: 'https://archive.example/a'}]"
        ),
    }), "--base-url", "https://example.org/arch")
    page = (site / "2020/a/index.html").read_text()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle" and data["headline"] == "A </script> title"
    assert data["datePublished"] == "2020-08" and data["dateModified"] == "2020-09-01"
    assert data["author"] == [{"@type": "Person", "name": "Ana"}]
    assert data["isBasedOn"][0]["url"] == "https://x.example/a"
    assert data["archivedAt"] == ["https://archive.example/a"]
    assert data["copyrightNotice"] == "© 2020 X" and data["creditText"] == "AFP"
    assert data["url"] == "https://example.org/arch/2020/a/index.html"
    assert '<meta property="og:url" content="https://example.org/arch/2020/a/index.html">' in page
    assert '<link rel="canonical" href="https://example.org/arch/2020/a/index.html">' in page


def test_two_builds_are_byte_identical(tmp_path, cli, bundled):
    first = site_files(build_ok(cli, bundled))
    second = site_files(build_ok(cli, bundled, "--output", tmp_path / "again"))
    assert first == second


def test_stale_files_from_earlier_builds_vanish(tmp_path, cli):
    root = make_tree(tmp_path, {"content/a.md": article("title: A\npublished: 2020")})
    site = build_ok(cli, root)
    (root / "content/a.md").unlink()
    make_tree(root, {"content/b.md": article("title: B\npublished: 2021")})
    build_ok(cli, root)
    assert not (site / "2020").exists()
    assert (site / "2021/b/index.html").is_file()


def test_a_file_added_to_the_site_by_hand_stays_until_a_build_without_the_cache(tmp_path, cli):
    root = make_tree(tmp_path, {"content/a.md": article("title: A\npublished: 2020")})
    site = build_ok(cli, root)
    (site / "verification.html").write_text("mine")
    build_ok(cli, root)
    assert (site / "verification.html").read_text() == "mine"  # as the README says
    build_ok(cli, root, "--no-cache")
    assert not (site / "verification.html").exists()


def test_the_output_is_never_a_folder_of_someone_elses_files(tmp_path, cli):
    root = make_tree(tmp_path / "root", {"content/a.md": article("title: A")})
    precious = make_tree(tmp_path / "home", {"thesis.txt": "years of work"})
    ran = cli("build", "--root", root, "--output", precious)
    assert ran.code == 2
    assert "refusing to replace" in ran.err
    assert (precious / "thesis.txt").read_text() == "years of work"
    ran = cli("build", "--root", root, "--output", root)  # `--output .` from inside the root
    assert ran.code == 2 and (root / "content/a.md").is_file()


def test_an_empty_or_new_output_folder_is_fine_and_gets_the_marker(tmp_path, cli):
    root = make_tree(tmp_path / "root", {"content/a.md": article("title: A")})
    (tmp_path / "empty").mkdir()
    for out in (tmp_path / "empty", tmp_path / "new" / "deep"):
        build_ok(cli, root, "--output", out)
        assert (out / writer.MARKER).is_file()


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path, cli):
    root = make_tree(tmp_path, {"content/a.md": article("title: A\npublished: 2020")})
    site = build_ok(cli, root)
    before = site_files(site)
    make_tree(root, {"content/b.md": article("title: [broken")})
    ran = cli("build", "--root", root)
    assert ran.code == 1
    assert site_files(site) == before


def test_a_build_killed_while_writing_leaves_the_previous_site_whole(tmp_path, cli, monkeypatch):
    root = make_tree(tmp_path, {"content/a.md": article("title: A\npublished: 2020")})
    site = build_ok(cli, root)
    before = site_files(site)
    make_tree(root, {"content/b.md": article("title: B\npublished: 2021")})
    real_put = writer._put
    calls = {"n": 0}

    def dying_put(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt  # the user pressed Ctrl-C halfway through writing
        return real_put(*args, **kwargs)

    monkeypatch.setattr(writer, "_put", dying_put)
    with pytest.raises(KeyboardInterrupt):
        cli("build", "--root", root)
    assert site_files(site) == before
    assert not list(tmp_path.glob(".article-archive-*"))  # no half-built folder left behind


def test_a_commit_cut_short_by_a_killed_build_is_finished_by_the_next(tmp_path, cli, monkeypatch):
    root = make_tree(tmp_path, {"content/a.md": article("title: A\npublished: 2020")})
    site = build_ok(cli, root)
    make_tree(root, {"content/b.md": article("title: B\npublished: 2021")})
    expected = site_files(build_ok(cli, root, "--output", tmp_path / "expected"))
    real_replace, moves = os.replace, {"n": 0}

    def dying_replace(source, target):
        if Path(target).is_relative_to(site):  # a staged file moving into the site
            moves["n"] += 1
            if moves["n"] == 3:
                raise KeyboardInterrupt  # killed halfway through moving the new files in
        return real_replace(source, target)

    monkeypatch.setattr(writer.os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        writer_build(root)
    monkeypatch.setattr(writer.os, "replace", real_replace)
    assert site_files(site) != expected  # half old, half new...
    assert list(tmp_path.glob(".article-archive-journal-*"))
    monkeypatch.setattr(writer, "_alive", lambda pid: False)  # ...as if by a process long gone
    writer.finish_leftovers(site)
    assert site_files(site) == expected
    assert not list(tmp_path.glob(".article-archive-*"))


def writer_build(root):
    from generator import build
    return build.build(build.Options(root=root), environ={"SOURCE_DATE_EPOCH": "1767225600"})


def test_a_site_left_mid_swap_by_an_older_version_is_restored(tmp_path, cli):
    root = make_tree(tmp_path, {"content/a.md": article("title: A\npublished: 2020")})
    site = build_ok(cli, root)
    before = site_files(site)
    # As if a build of an earlier version (pid 999999999, long gone) died between the two renames of its swap.
    site.rename(tmp_path / ".article-archive-old-site-999999999")
    # ...and one of another output folder's, which is not ours to touch.
    (tmp_path / ".article-archive-old-other-999999999").mkdir()
    writer.finish_leftovers(site)
    assert site_files(site) == before
    assert (tmp_path / ".article-archive-old-other-999999999").is_dir()


def test_nothing_is_written_or_deleted_through_a_link_inside_the_site(tmp_path, cli):
    root = make_tree(tmp_path / "root", {"content/2020/a.md": article("title: A\npublished: 2020")})
    site = build_ok(cli, root)
    outside = make_tree(tmp_path / "outside", {"a/index.html": "precious", "b/index.html": "precious"})
    shutil.rmtree(site / "2020")
    (site / "2020").symlink_to(outside)  # the old article folder is now a link elsewhere
    (root / "content/2020/a.md").rename(root / "content/2020/b.md")
    build_ok(cli, root)
    assert (outside / "a/index.html").read_text() == "precious"
    assert (outside / "b/index.html").read_text() == "precious"
    assert not (site / "2020").is_symlink() and (site / "2020/b/index.html").is_file()


def test_summary_line_counts_articles_pages_and_changed_files(tmp_path, cli):
    root = make_tree(tmp_path, {"content/a.md": article("title: A\npublished: 2020")})
    first = cli("build", "--root", root)
    assert re.match(r"Built 1 article, \d+ pages, \d+ files changed in \d+\.\d\d s -> ", first.out)
    second = cli("build", "--root", root)
    assert ", 0 files changed" in second.out
    assert cli("build", "--root", root, "--quiet").out == ""


def test_body_images_are_published_beside_their_page(tmp_path, cli):
    site = build_ok(cli, make_tree(tmp_path, {
        "content/2020/a.md": article("title: A\npublished: 2020\nimage: {src: pics/one.png}",
                                     "![One](pics/one.png) and ![Two](two%20b.png)"),
        "content/2020/pics/one.png": b"one",
        "content/2020/two b.png": b"two",
    }))
    assert (site / "2020/a/pics/one.png").read_bytes() == b"one"  # used twice, copied to each place once
    assert (site / "2020/a/one.png").read_bytes() == b"one"
    assert (site / "2020/a/two b.png").read_bytes() == b"two"
    page = (site / "2020/a/index.html").read_text()
    assert '<img src="pics/one.png" alt="One">' in page


def test_missing_or_escaping_body_images_are_problems_with_lines(tmp_path, cli):
    root = make_tree(tmp_path, {
        "content/2020/a.md": article("title: A\npublished: 2020", "Text.\n\n![gone](gone.png)\n\n![up](../../etc/passwd)\n"),
    })
    ran = cli("build", "--root", root)
    assert ran.code == 1
    assert "content/2020/a.md:8: body image 'gone.png' does not exist" in ran.err
    assert "content/2020/a.md:10: body image '../../etc/passwd' must be a file beside the article" in ran.err
