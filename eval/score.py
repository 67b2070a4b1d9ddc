"""Scores the importer's readers on the evaluation set: body word precision/recall/F1, title exact, dates.

Run: make eval-import   (or .venv/bin/python -m eval.score [--verbose])
Body words are a bag of normalised tokens (lower case, letters and digits; each
CJK character is a token). A date is correct when the importer's published date,
written at the gold's precision, equals the gold (and is absent when the gold is).
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from generator.archive import dates
from generator.ingest.run import read_input

HERE = Path(__file__).resolve().parent
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|[^\W_]+")


def tokens(text: str) -> Counter:
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets are not words of the text
    text = re.sub(r"^#{1,6}\s", "", text, flags=re.M)
    return Counter(_TOKEN.findall(text.lower()))


def prf(got: Counter, want: Counter) -> tuple[float, float, float]:
    common = sum((got & want).values())
    precision = common / max(sum(got.values()), 1)
    recall = common / max(sum(want.values()), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_one(gold_path: Path) -> dict:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    result = read_input(HERE / gold["input"])
    if result.error:
        return {"name": gold["input"], "kind": gold["kind"], "set": gold.get("set", "generated"), "error": result.error, "p": 0, "r": 0, "f1": 0,
                "title": False, "date": False}
    record = result.records[0]
    p, r, f1 = prf(tokens(record.body), tokens(gold["body"]))
    got_date = dates.iso(record.published) if record.published else None
    want = gold["published"]
    date_ok = (got_date is None) if want is None else (got_date is not None and got_date[: len(want)] == want
                                                       and len(got_date) >= len(want))
    return {"name": gold["input"], "kind": gold["kind"], "set": gold.get("set", "generated"), "p": p, "r": r, "f1": f1,
            "title": record.title == gold["title"], "date": date_ok,
            "got_title": record.title, "got_date": got_date, "want_date": want}


def main(argv: list[str]) -> int:
    golds = sorted((HERE / "gold").glob("*.json"))
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        rows = list(pool.map(score_one, golds))
    seconds = time.perf_counter() - start
    if "--verbose" in argv:
        for row in rows:
            flags = ("" if row["title"] else f" TITLE={row.get('got_title')!r}") + \
                    ("" if row["date"] else f" DATE={row.get('got_date')} want {row.get('want_date')}")
            print(f"{row['name']:40} P={row['p']:.3f} R={row['r']:.3f} F1={row['f1']:.3f}"
                  f"{flags}{' ERROR ' + row['error'] if 'error' in row else ''}")
        print()
    print("| set | kind | inputs | body precision | body recall | body F1 | title exact | dates correct |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for group in ("generated", "held-out", "held-out-2", "held-out-3", "held-out-4", "held-out-5", "held-out-6", "all"):
        for kind in ("html", "text", "all"):
            chosen = [r for r in rows if (group == "all" or r["set"] == group) and (kind == "all" or r["kind"] == kind)]
            if not chosen:
                continue
            mean = lambda key: sum(r[key] for r in chosen) / len(chosen)  # noqa: E731
            print(f"| {group} | {kind} | {len(chosen)} | {mean('p'):.3f} | {mean('r'):.3f} | {mean('f1'):.3f} | "
                  f"{100 * mean('title'):.0f} % | {100 * mean('date'):.0f} % |")
    print(f"\n{len(rows)} inputs read in {seconds:.2f} s on 2 processes ({len(rows) / seconds:.1f} inputs/s, "
          f"including start-up)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
