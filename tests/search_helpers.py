"""Helpers for search tests: node oracles and a small multilingual archive."""

from __future__ import annotations

import json
import re
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


def all_words(query: str) -> str:
    """A query in lunr's syntax as the search page reads it by default (every word required):
    each plain word written `+word`, stop words left out (the index has none, so lunr.js could
    never find them); `+word`, `-word` and their hyphenated words as lunr reads them."""
    from lunr.stop_word_filter import WORDS as STOP_WORDS

    from generator.search.tokens import tokens

    out = []
    for chunk in query.split():
        if chunk[0] in "+-":
            out.append(chunk)
            continue
        field = ""
        head, colon, rest = chunk.partition(":")
        if colon and head.lower() in ("title", "tags", "body"):
            field, chunk = head.lower() + ":", rest
        modifiers = re.search(r"([\^~]\d+(?:\.\d+)?)*$", chunk).group()
        words = [w for w in chunk[: len(chunk) - len(modifiers)].split("-") if w]
        for i, word in enumerate(words):
            if "*" not in word and all(t in STOP_WORDS for t in tokens(word)):
                continue
            out.append("+" + (field if i == 0 else "") + word + (modifiers if i == len(words) - 1 else ""))
    return " ".join(out) or query  # only stop words: lunr.js, like us, finds nothing (an empty query is everything)
