"""Every generated link resolves inside site/, and no page loads anything from outside it."""

import posixpath
import random

import pytest

from generator.render.urls import all_safe, is_safe, relative
from tests.crawl import crawl
from tests.helpers import VARIED, make_tree


@pytest.mark.parametrize("options", [[], ["--pretty-urls"], ["--base-url", "https://host.example/sub/path/"]])
def test_no_broken_links_and_no_external_loads(tmp_path, cli, bundled, options):
    for root in (bundled, make_tree(tmp_path / "varied", VARIED)):
        ran = cli("build", "--root", root, *options)
        assert ran.code == 0, ran.err
        base_path = "/sub/path/" if "--base-url" in options else "/"
        broken, external, checked = crawl(root / "site", base_path)
        assert broken == []
        assert external == []
        assert checked > 50  # the crawl really looked at the pages


def test_offline_links_name_files_and_pretty_links_end_in_a_slash(tmp_path, cli):
    root = make_tree(tmp_path, VARIED)
    cli("build", "--root", root)
    offline = (root / "site/2019/a/index.html").read_text()
    assert 'href="../../tags/war/index.html"' in offline
    cli("build", "--root", root, "--pretty-urls")
    pretty = (root / "site/2019/a/index.html").read_text()
    assert 'href="../../tags/war/"' in pretty
    assert 'href="../../index.html"' not in pretty and 'href="../../"' in pretty


def test_pretty_urls_can_be_set_in_archive_yaml(tmp_path, cli):
    root = make_tree(tmp_path, {**VARIED, "archive.yaml": "title: V\npretty_urls: true\n"})
    cli("build", "--root", root)
    assert 'href="../../tags/war/"' in (root / "site/2019/a/index.html").read_text()


def test_the_not_found_page_links_from_the_host_root_when_the_base_url_is_known(tmp_path, cli):
    root = make_tree(tmp_path, VARIED)
    cli("build", "--root", root, "--base-url", "https://host.example/sub")
    page = (root / "site/404.html").read_text()
    assert 'href="/sub/static/style.css"' in page


def test_relative_links_match_posixpath_relpath():
    rng = random.Random(5)
    names = ["a", "b", "index.html", "2020", "tags", "page", "x y"]

    def path(depth):
        return "/".join(rng.choice(names) for _ in range(depth))

    for _ in range(2000):
        target, folder = path(rng.randint(0, 4)), path(rng.randint(0, 4))
        assert relative(target, folder) == posixpath.relpath(target or ".", folder or "."), (target, folder)


SAFE = ["a", "index.html", "2020/a/index.html", "search/p/0a1b-0.js", ".article-archive", "a/.b", "..a", "a..",
        "a/b..c/d", "x\n"]
UNSAFE = ["", "/", "/a", "a/", "a//b", ".", "..", "./a", "a/.", "a/./b", "a/../b", "../a", "a/..", "a\\b", "a\x00b"]


@pytest.mark.parametrize(("path", "safe"), [(p, True) for p in SAFE] + [(p, False) for p in UNSAFE])
def test_only_paths_that_stay_inside_the_site_are_safe(path, safe):
    assert is_safe(path) == safe


def test_a_set_of_paths_is_safe_when_each_of_them_is():
    rng = random.Random(7)
    parts = ["a", ".", "..", "...", "", "b.html", "\\", "\x00", "x y", "..a", ".b"]
    assert all_safe([])
    for path in SAFE + UNSAFE:
        assert all_safe([path]) == is_safe(path), repr(path)
        assert all_safe(["a", path, "b/c"]) == is_safe(path), repr(path)
    for _ in range(3000):
        paths = ["/".join(rng.choice(parts) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 4))]
        assert all_safe(paths) == all(map(is_safe, paths)), paths
