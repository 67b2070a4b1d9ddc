"""The Hugo and Pelican writers of the build benchmark write the same articles as ours.

Only the files are checked: `make test` installs neither Hugo nor Pelican
(`make bench` does, and checks that each tool wrote one page per article).
"""

from pathlib import Path

import yaml

from benchmarks.corpus import write_archive
from benchmarks.peers import write_site
from generator.archive import frontmatter

COUNT = 20


def articles(root: Path) -> dict[str, Path]:
    return {p.relative_to(root / "content").as_posix(): p for p in sorted((root / "content").rglob("*.md"))}


def ours(root: Path) -> dict[str, tuple[dict, str]]:
    """Front-matter (every scalar as text, as our schema reads dates) and body of each article."""
    out = {}
    for name, path in articles(root).items():
        front, _, body, _ = frontmatter.split(path.read_text(encoding="utf-8"))
        out[name] = yaml.load(front, Loader=yaml.BaseLoader), body
    return out


def test_hugo_site_has_the_same_articles(tmp_path):
    reference = ours(write_archive(COUNT, tmp_path / "ours"))
    hugo = write_site("hugo", COUNT, tmp_path / "hugo")
    assert (hugo / "hugo.yaml").is_file() and (hugo / "layouts/_default/single.html").is_file()
    config = yaml.safe_load((hugo / "hugo.yaml").read_text())
    assert set(config["taxonomies"].values()) == {"tags", "authors", "sources", "flags", "months"}
    written = articles(hugo)
    assert len(written) == COUNT and written.keys() == reference.keys()
    for name, path in written.items():
        text = path.read_text(encoding="utf-8")
        assert text.startswith("---\n")
        front, body = text[4:].split("\n---\n\n", 1)
        data = yaml.safe_load(front)
        expected, expected_body = reference[name]
        assert data["title"] == expected["title"]
        assert data["date"].startswith(str(expected["published"]))  # a partial date is its first day
        assert data["tags"] == expected["tags"]
        assert data.get("authors", []) == expected.get("authors", [])
        assert data["sources"] == [s["name"] for s in expected["sources"]]
        assert data.get("flags", []) == expected.get("flags", [])
        assert body == expected_body


def test_pelican_site_has_the_same_articles(tmp_path):
    reference = ours(write_archive(COUNT, tmp_path / "ours"))
    pelican = write_site("pelican", COUNT, tmp_path / "pelican")
    assert "FEED_ALL_ATOM" in (pelican / "pelicanconf.py").read_text()
    written = articles(pelican)
    assert len(written) == COUNT and written.keys() == reference.keys()
    for name, path in written.items():
        header, body = path.read_text(encoding="utf-8").split("\n\n", 1)
        meta = dict(line.split(": ", 1) for line in header.splitlines())
        expected, expected_body = reference[name]
        assert meta["Title"] == expected["title"]
        assert meta["Date"].startswith(str(expected["published"]))
        assert meta["Tags"].split(", ") == expected["tags"]
        assert meta.get("Authors", "") == ", ".join(expected.get("authors", []))
        assert meta["Category"] == expected["sources"][0]["name"]
        assert body == expected_body


def test_writers_are_deterministic(tmp_path):
    for tool in ("hugo", "pelican"):
        first, second = write_site(tool, 5, tmp_path / f"{tool}-1"), write_site(tool, 5, tmp_path / f"{tool}-2")
        assert {k: p.read_bytes() for k, p in articles(first).items()} == {
            k: p.read_bytes() for k, p in articles(second).items()
        }

