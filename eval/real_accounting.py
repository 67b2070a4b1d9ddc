"""Nothing silently lost, checked on real pages: every line of a copied text is accounted for.

Run: .venv/bin/python -m eval.real_accounting [--data DIR] [--forms text,text_full] [--part dev] [--show N]
Reads each page of the copied-text forms (text/, text_full/; the main corpus and the supplement, the dev
part unless told) as `archive import` reads it, cuts its input into the blocks the text reader cuts it into
(a line, or the lines a paragraph wraps over) and checks each: it is in the body, in a field (title,
summary, authors, dateline, rights, source, image caption or credit), or in the `dropped` list `--explain`
prints, with its reason. It reports the blocks that are none of these, the dropped lines whose reason
names no kind, and the long sentences (15 words or more) moved into rights, a dateline or a credit without
a notice's shape; then counts per set and form, and the reasons given. The corpus's text is read from the
unpacked corpus only and printed to stdout, never written into the repository.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from eval.real_corpus import SUPPLEMENT, CorpusMissing, find_data, part_of
from generator.ingest import run, sniff
from generator.ingest.record import Imported
from generator.ingest.text import blocks_of as paragraphs  # the blocks the reader reads

# The reasons --explain gives (docs/importing.md, "What was left out"): a dropped line's reason starts with one.
KINDS = ("navigation", "share bar", "related list", "comments", "footer", "notice", "photo caption",
         "copyright (rights)", "by-line or date line", "outlet under the by-line", "standfirst (summary)",
         "dateline", "promotion above the by-line", "link list", "repeat", "photo gallery", "block choice")
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!<>|~])")
_PROSE = re.compile(r"[.!?…。]['\"”’)]?$")
# What makes a long line a notice of rights, not prose (stricter than the importer's test, to check it): a
# copyright sign or word before a year or leading the line, "all rights reserved", a licence.
_RIGHTS = re.compile(r"(?i)^\W*(?:©|\(c\)|copyright)|(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:19|20)\d\d|"
                     r"rights reserved|direitos reservados|derechos reservados|rechte vorbehalten|"
                     r"droits réservés|diritti riservati|creative commons|licen[cs]")


@dataclass
class Audit:
    """One input's accounting."""

    name: str
    lines: int = 0  # non-blank lines
    blocks: int = 0  # the blocks the reader cuts them into (a paragraph's wrapped lines are one)
    lost: list[str] = field(default_factory=list)  # blocks in no field, not in the body, not explained
    vague: list[tuple[str, str]] = field(default_factory=list)  # (why, line): a reason that names no kind
    prose_moved: list[tuple[str, str]] = field(default_factory=list)  # (field, line)
    error: str | None = None


def _squash(text: str) -> str:
    return " ".join(text.split())


def accounted_texts(record: Imported) -> list[str]:
    """What the article keeps or explains: body paragraphs, fields, dropped lines; whitespace squashed."""
    body = [_ESCAPE.sub("", p.removeprefix("## ")) for p in record.body.split("\n\n")]
    fields = [record.title, record.summary or "", record.dateline or "", *record.authors, *record.rights,
              *(s.name or "" for s in record.sources)]
    if record.image:
        fields += [record.image.caption or "", record.image.credit or "", record.image.alt or ""]
    return [t for t in map(_squash, body + fields + [line for _, line in record.dropped]) if t]


def _covered(block: str, texts: list[str]) -> bool:
    """The block is made of accounted texts side by side (the title and what the headline's line adds to it:
    "<headline> - Slashdot")."""
    for text in sorted((t for t in texts if len(t) < len(block)), key=len, reverse=True):
        if text in block:
            block = block.replace(text, " ", 1)
    return not re.search(r"\w", block)


def _dateline_split(block: str, record: Imported, body: list[str]) -> bool:
    """The first paragraph with its dateline ("CAIRO — The ..."): the dateline is a field, the rest starts
    the body."""
    dateline = _squash(record.dateline or "")
    rest = block[len(dateline):].lstrip(" —–-") if dateline and block.startswith(dateline) else ""
    return bool(rest) and any(p.startswith(rest) for p in body)


def accounted(block: str, record: Imported, texts: list[str], whole: set[str]) -> bool:
    """Whole, as the reader keeps or explains it: a paragraph, a field's value, a dropped line; or parts of
    them side by side; or its dateline and the body's first paragraph; or a kicker joined to its headline."""
    return block in whole or _covered(block, texts) or _dateline_split(block, record, texts) \
        or (len(block.split()) >= 4 and block in _squash(record.title))


def audit(text: str, record: Imported, name: str = "") -> Audit:
    """The accounting of one input's text against the record its reader returned, block by block as the
    reader cuts it (a paragraph's wrapped lines are one block)."""
    found = Audit(name)
    texts = accounted_texts(record)
    whole = set(texts)
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    found.lines = sum(1 for line in text.split("\n") if line.strip())
    cut = [_squash(b) for b in paragraphs(text)]
    found.blocks = len(cut)
    found.lost = [b for b in cut if not accounted(b, record, texts, whole)]
    found.vague = [(why, line) for why, line in record.dropped if not why.startswith(KINDS)]
    moved = [("rights", r) for r in record.rights] + [("dateline", record.dateline or "")] + \
        [("credit", record.image.credit or "") for _ in [0] if record.image]
    found.prose_moved = [(f, v) for f, v in moved
                         if len(v.split()) >= 15 and _PROSE.search(v.strip()) and not _RIGHTS.search(v)]
    return found


def audit_file(path: Path, reasons: Counter | None = None) -> Audit:
    """One input read as `archive import` reads it (run.read_input); `reasons` counts the dropped lines'."""
    done = run.read_input(path)
    if done.error:
        return Audit(path.name, error=done.error)
    if done.kind != "text":
        return Audit(path.name, error=f"read as {done.kind}")
    if reasons is not None:
        reasons.update(why for why, _ in done.records[0].dropped)
    return audit(sniff.decode(path.read_bytes(), damage=[]), done.records[0], path.name)


def inputs(data: Path, forms: list[str], part: str) -> list[tuple[str, Path]]:
    found = []
    for label, folder in (("main", data), ("supplement", data / SUPPLEMENT)):
        for form in forms:
            for path in sorted((folder / form).glob("*.txt")):
                if part == "all" or part_of(path.stem) == part:
                    found.append((f"{label}/{form}", path))
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.real_accounting", description=__doc__.splitlines()[0])
    ap.add_argument("--data", help="the unpacked corpus (default: $REAL_ARTICLES, else .cache/real-articles)")
    ap.add_argument("--forms", default="text,text_full", metavar="LIST")
    ap.add_argument("--part", default="dev", choices=("dev", "test", "all"))
    ap.add_argument("--show", type=int, default=3, metavar="N", help="lines shown per page (default 3)")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    try:
        data = find_data(args.data, lambda message: print(message, file=sys.stderr))
    except CorpusMissing as exc:
        print(f"real_accounting: {exc}", file=sys.stderr)
        return 2
    totals: dict[str, list[int]] = {}  # set/form -> [pages, lines, blocks, lost, pages with a loss, vague, prose]
    reasons: Counter = Counter()
    for where, path in inputs(data, args.forms.split(","), args.part):
        result = audit_file(path, reasons)
        row = totals.setdefault(where, [0] * 7)
        row[0] += 1
        if result.error:
            print(f"{where}/{path.name}: not audited: {result.error}")
            continue
        row[1:] = [a + b for a, b in zip(row[1:], (result.lines, result.blocks, len(result.lost), bool(result.lost),
                                                   len(result.vague), len(result.prose_moved)), strict=True)]
        if result.lost or result.vague or result.prose_moved:
            print(f"{where}/{path.name}: {len(result.lost)} of {result.blocks} blocks unaccounted for")
            for line in result.lost[: args.show]:
                print(f"    lost: {line[:120]}")
            for why, line in result.vague[: args.show]:
                print(f"    vague reason {why!r}: {line[:100]}")
            for name, line in result.prose_moved:
                print(f"    prose in {name}: {line[:100]}")
    print("\n| set/form | pages | lines | blocks | blocks lost | pages with a loss | vague reasons | prose moved |\n"
          "|---|---|---|---|---|---|---|---|")
    for where, row in totals.items():
        print(f"| {where} | " + " | ".join(map(str, row)) + " |")
    print("\n| reason given | lines |\n|---|---|")
    for why, count in reasons.most_common():
        print(f"| {why} | {count} |")
    print(f"\n{time.perf_counter() - start:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
