"""Fixtures shared by the test files: a fixed clock, the real CLI, archives to build (helpers: helpers.py)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.corpus import write_archive
from generator.cli import main
from generator.incremental import cache
from tests.helpers import EPOCH, REPO, SIZE, make_tree
from tests.showcase import build_showcase

pytest_plugins = ["tests.browser"]  # the `browser` and `page` fixtures, one Chromium per worker


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@dataclass
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys):
    """Run `archive ARGS...` in-process and capture what it prints."""

    def run(*args: str) -> Ran:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run


@pytest.fixture
def archive(tmp_path) -> Path:
    """A generated archive large enough that builds use worker processes (test_incremental, test_patch)."""
    root = write_archive(SIZE, tmp_path / "archive", seed=11)
    make_tree(root, {"archive.yaml": "title: Warm and cold\nbase_url: https://example.org/a/\n"})
    return root


@pytest.fixture
def trusted_at_once(monkeypatch):
    """Input files are trusted by their status as soon as they are written.

    A build distrusts a file changed in the second before it started (two writes in one clock
    tick can leave the same status), and reads it again next time. Tests that build, edit and
    build again one after the other never write in the tick a build started in, so they need not
    wait out that second. (A file's change time cannot be set back: explicit file times cannot do it.)"""
    monkeypatch.setattr(cache, "RACY_NS", 0)


@pytest.fixture(scope="session")
def showcase(tmp_path_factory) -> Path:
    """A site with every kind of page the theme renders (tests/showcase.py), built once per worker."""
    return build_showcase(tmp_path_factory.mktemp("showcase"))


@pytest.fixture
def bundled(tmp_path) -> Path:
    """A copy of the repository's bundled archive (content, templates, archive.yaml)."""
    root = tmp_path / "bundled"
    root.mkdir()
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "archive.yaml", root / "archive.yaml")
    return root


