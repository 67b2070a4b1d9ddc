"""Every page the theme writes is valid HTML by the Nu HTML checker (vnu.jar from npm, on Debian's Java).

One JVM run checks all pages of the showcase archive and of the bundled archive: the checker is
slow to start, quick per file.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.golden import build_bundled
from tests.helpers import REPO
from tests.showcase import build_showcase

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _check(files: list[Path]) -> list[str]:
    """The checker's errors, one line each: file, line, message."""
    if not VNU.exists() or shutil.which("java") is None:
        pytest.fail("vnu.jar or java is missing: run `make test` (it installs both)")
    ran = subprocess.run(
        ["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True, text=True, timeout=600,
    )
    report = json.loads(ran.stderr or "{}")
    return [
        f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}"
        for m in report.get("messages", [])
        if m.get("type") == "error"
    ]


def test_the_checker_catches_an_invalid_page(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><html lang=en><title>x</title><p><div></p>", encoding="utf-8")
    assert _check([bad])


def test_every_page_is_valid_html(tmp_path):
    showcase = build_showcase(tmp_path / "showcase")
    bundled = build_bundled(tmp_path / "bundled")
    pages = sorted(showcase.rglob("*.html")) + sorted(bundled.rglob("*.html"))
    assert len(pages) > 40
    assert _check(pages) == []


def test_every_page_names_its_language(tmp_path):
    site = build_showcase(tmp_path / "showcase")
    for page in site.rglob("*.html"):
        assert '<html lang="en">' in page.read_text(encoding="utf-8"), page
    french = (site / "2022/marche/index.html").read_text(encoding="utf-8")
    assert 'lang="fr"' in french
