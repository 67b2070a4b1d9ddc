"""Shared test helpers: inline file trees, the real CLI, a fixed clock."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main

pytest_plugins = ["tests.browser"]  # the `browser` and `page` fixtures, one Chromium per worker

REPO = Path(__file__).resolve().parent.parent
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z: every test build is reproducible


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def make_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: text or bytes} under root and return root."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


def article(front: str, body: str = "Some text.\n") -> str:
    """An article file: `front` is the YAML between the fences."""
    return f"---\n{front.strip()}\n---\n\n{body}"


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
def bundled(tmp_path) -> Path:
    """A copy of the repository's bundled archive (content, templates, archive.yaml)."""
    root = tmp_path / "bundled"
    root.mkdir()
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "archive.yaml", root / "archive.yaml")
    return root


def site_files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()
    }
