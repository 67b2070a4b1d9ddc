"""Hostile or broken input gives `path:line: message` lines, every one of the run at once,
sorted, exit 1 and nothing written: never a traceback, never one problem hiding another."""

from __future__ import annotations

import os

import pytest

from tests.helpers import article, make_tree, site_files

FINE = article("title: Fine\npublished: 2020-01-02", "Text.\n")


def test_a_front_matter_error_does_not_hide_the_same_files_body_images(tmp_path, cli):
    root = make_tree(tmp_path, {
        "content/2020/a.md": article("title: A\npublished: never", "Para.\n\n![Harbour](photos/harbour-wall.jpg)\n"),
        "content/2020/ok.md": FINE,
    })
    ran = cli("build", "--root", root)
    assert ran.code == 1
    assert ran.err.splitlines() == [
        f"{root}/content/2020/a.md:3: 'published': 'never' is not a date; use YYYY, YYYY-MM, YYYY-MM-DD "
        "or YYYY-MM-DDTHH:MM[+HH:MM]",
        f"{root}/content/2020/a.md:8: body image 'photos/harbour-wall.jpg' does not exist",
        "archive: 2 problems found; nothing was written.",
    ]


def test_a_body_image_is_reported_where_it_is_written_not_where_its_text_first_appears(tmp_path, cli):
    body = "".join(f"Paragraph {n} about x and <b>x</b>.\n\n" for n in range(5)) + '<img src="x" alt="">\n'
    root = make_tree(tmp_path, {
        "content/a.md": article("title: 'Hostile <img src=x onerror=alert(1)>'\nsummary: x", body),
        "content/b.md": article("title: B", "See photos/p.jpg below.\n\n![p][ref]\n\n[ref]: photos/p.jpg\n"),
    })
    ran = cli("build", "--root", root)
    assert ran.code == 1
    assert f"{root}/content/a.md:16: body image 'x' does not exist" in ran.err.splitlines()
    assert f"{root}/content/b.md:9: body image 'photos/p.jpg' does not exist" in ran.err.splitlines()


def hostile_tree(root):
    """One archive with one of each kind of input that once raised a traceback."""
    make_tree(root, {
        "content/2020/ok.md": FINE,
        "content/2020/surrogate.md": '---\ntitle: "a\\ud800b"\n---\n\nx\n',
        "content/2020/deep.md": article("title: D\nextra: " + "[" * 2500 + "]" * 2500),
        "content/2020/nul.md": article("title: N", "Text.\n\n![x](a%00b.png)\n"),
        "content/2020/long.md": article("title: L", "Text.\n\n![y](" + "y" * 6000 + ".png)\n"),
        "content/2020/cover.md": article("title: C\nimage:\n  src: " + "z" * 6000 + ".jpg"),
        "templates/article.html": b"{% extends 'default:article.html' %}\n\xff\n",
    })
    os.makedirs(os.fsencode(root / "content") + b"/d\xe9j\xe0", exist_ok=True)
    with open(os.fsencode(root / "content") + b"/caf\xe9.md", "wb") as file:
        file.write(FINE.encode())
    with open(os.fsencode(root / "content") + b"/d\xe9j\xe0/x.md", "wb") as file:
        file.write(FINE.encode())
    os.makedirs(root / "static")
    with open(os.fsencode(root / "static") + b"/caf\xe9.css", "wb") as file:
        file.write(b"p {}")
    with open(os.fsencode(root / "templates") + b"/caf\xe9.html", "wb") as file:
        file.write(b"<p>")
    return root


def hostile_problems(root) -> list[str]:
    return [
        f"{root}/content/2020/cover.md:3: image src '" + "z" * 60 + "…(6004 characters)' cannot be opened:",
        f"{root}/content/2020/deep.md:3: invalid YAML: nested more than 64 levels deep",
        f"{root}/content/2020/long.md:7: body image '" + "y" * 60 + "…(6004 characters)' cannot be opened:",
        f"{root}/content/2020/nul.md:7: body image 'a%00b.png' is not a possible file name (it holds a NUL character)",
        f"{root}/content/2020/surrogate.md:2: invalid YAML: \\ud800 is half of a surrogate pair, not a character",
        f"{root}/content/caf\\xe9.md: the name of this file or its folder is not UTF-8 text; rename it",
        f"{root}/content/d\\xe9j\\xe0/x.md: the name of this file or its folder is not UTF-8 text; rename it",
        f"{root}/static/caf\\xe9.css: the name of this file or its folder is not UTF-8 text; rename it",
        f"{root}/templates/article.html:2: template error: the file is not valid UTF-8 text",
        f"{root}/templates/caf\\xe9.html:1: template error: the file's name is not UTF-8 text; rename it",
    ]


def assert_reported(err: str, expected: list[str]) -> None:
    lines = [line for line in err.splitlines() if not line.startswith("  File ")]  # the template error's 2nd line
    assert "Traceback" not in err
    assert len(lines) == len(expected) + 1, err
    for line, want in zip(lines, expected):
        assert line.startswith(want), f"{line!r} does not start with {want!r}"
    assert lines[-1] == f"archive: {len(expected)} problems found; nothing was written."


@pytest.mark.parametrize("cache", [True, False])
def test_hostile_names_values_and_paths_are_all_reported_in_one_sorted_run(tmp_path, cli, cache):
    root = hostile_tree(tmp_path / "arch")
    ran = cli("build", "--root", root, *([] if cache else ["--no-cache"]))
    assert ran.code == 1
    assert_reported(ran.err, hostile_problems(root))
    assert not (root / "site").exists()


def test_problems_made_by_an_edit_after_a_good_build_are_reported_as_a_cold_build_reports_them(tmp_path, cli):
    files = {f"content/2020/a{n}.md": article(f"title: A{n}\npublished: 2020-01-{n + 1:02d}", f"Body {n}.\n")
             for n in range(6)}
    root = make_tree(tmp_path / "arch", files)
    assert cli("build", "--root", root).code == 0
    assert cli("build", "--root", root).code == 0  # settled: the next build may patch
    before = site_files(root / "site")
    # A body-only edit (the patch path's case) that adds a missing image, and one that breaks the
    # front-matter of another file and shows a missing image too.
    (root / "content/2020/a0.md").write_text(article("title: A0\npublished: 2020-01-01",
                                                     "Body 0.\n\n![gone](gone.jpg)\n"))
    (root / "content/2020/a3.md").write_text(article('title: "A\\ud8003"\npublished: 2020-01-04',
                                                     "Body 3.\n\n![lost](lost.png)\n"))
    warm = cli("build", "--root", root)
    cold = cli("build", "--root", root, "--no-cache")
    assert warm.code == cold.code == 1
    assert warm.err == cold.err
    assert warm.err.splitlines() == [
        f"{root}/content/2020/a0.md:8: body image 'gone.jpg' does not exist",
        f"{root}/content/2020/a3.md:2: invalid YAML: \\ud800 is half of a surrogate pair, not a character",
        f"{root}/content/2020/a3.md:8: body image 'lost.png' does not exist",
        "archive: 3 problems found; nothing was written.",
    ]
    assert site_files(root / "site") == before


def test_a_body_only_edit_with_a_missing_image_after_a_good_build_is_reported(tmp_path, cli):
    files = {f"content/2020/a{n}.md": article(f"title: A{n}\npublished: 2020-01-{n + 1:02d}", f"Body {n}.\n")
             for n in range(6)}
    root = make_tree(tmp_path / "arch", files)
    assert cli("build", "--root", root).code == 0
    assert cli("build", "--root", root).code == 0
    before = site_files(root / "site")
    (root / "content/2020/a5.md").write_text(article("title: A5\npublished: 2020-01-06",
                                                     "Body 5.\n\nMore.\n\n![gone](gone%20too.jpg)\n"))
    ran = cli("build", "--root", root)
    assert ran.code == 1
    assert ran.err.splitlines() == [
        f"{root}/content/2020/a5.md:10: body image 'gone%20too.jpg' does not exist",
        "archive: 1 problem found; nothing was written.",
    ]
    assert site_files(root / "site") == before


def test_import_refuses_the_front_matter_the_build_refuses(tmp_path, cli):
    make_tree(tmp_path / "in", {
        "laughs.md": "---\ntitle: T\nextra:\n  a: &a [x, x, x]\n  b: [*a, *a, *a]\n---\n\nx\n",
        "surrogate.md": '---\ntitle: "a\\ud800b"\n---\n\nx\n',
        "fine.md": "---\ntitle: Fine\npublished: 2021-02-03\nauthors: Hart, Tom\n---\n\nBody.\n",
    })
    root = tmp_path / "root"
    ran = cli("import", "--root", root, tmp_path / "in")
    assert ran.code == 1
    assert f"{tmp_path}/in/laughs.md: line 4: YAML aliases are not allowed" in ran.err
    assert f"{tmp_path}/in/surrogate.md: line 2: invalid YAML: \\ud800 is half of a surrogate pair" in ran.err
    assert [p.name for p in (root / "content").rglob("*.md")] == ["fine.md"]
    assert "authors:\n- Hart, Tom\n" in (root / "content/2021/fine.md").read_text()
    assert cli("build", "--root", root).code == 0

