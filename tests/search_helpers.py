"""Helpers for search tests: node oracles and a small multilingual archive."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.helpers import REPO

NODE = shutil.which("node")
ORACLE = REPO / "tests" / "oracle"


def node(script: str, *args: str, stdin: str | None = None) -> object:
    ran = subprocess.run(
        [NODE, str(ORACLE / script), *args], input=stdin, capture_output=True, text=True,
        cwd=REPO, check=False,
    )
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout)


def lunr_js_search(index: Path, queries: list[str]) -> dict[str, list[tuple[str, float]]]:
    return node("lunr_search.js", str(index), json.dumps(queries))
