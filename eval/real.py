"""The importer on real pages: import the corpus's forms with `archive import`, score, report.

Run: make eval-real   (or .venv/bin/python -m eval.real [--data DIR] [--keep DIR] [--report FILE] [--forms html,...])
Steps: find (or unpack) the corpus (eval/real_corpus.py); render the missing whole-page copies
(text_full/, eval/text_full.py); import html/, text/ and text_full/ of the main corpus and of the
supplement, each into a fresh temporary root with the real CLI (which reads on a process pool);
score each with the corpus's score.py; report issue #19's targets with a 95 % interval
(eval/real_targets.py), then the dev and the test part per form, source and language
(eval/real_report.py). The report goes to stdout and to .cache/eval-real/report.md, each page's
scores to .cache/eval-real/report.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from eval import real_ceiling, real_report, real_targets, text_full
from eval.real_corpus import REPO, SUPPLEMENT, CorpusMissing, find_data, load_pages, load_scorer
from eval.real_report import Result

FORMS = (("html", "html"), ("text", "txt"), ("text_full", "txt"))


def import_form(data_dir: Path, form: str, ext: str, root: Path) -> tuple[set[str], float]:
    """`archive import DATA/FORM --root ROOT`; -> (ids the CLI reported as failed, seconds)."""
    folder = data_dir / form
    root.mkdir(parents=True)
    (root / "content").mkdir()
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator", "import", str(folder), "--root", str(root), "--quiet"],
                          capture_output=True, text=True, cwd=REPO)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: some inputs failed, which the report counts
        raise SystemExit(f"archive import {folder} exited {done.returncode}:\n{done.stderr}")
    problem = re.compile(re.escape(str(folder)) + r"/([^/\n]+)\." + ext + r": (?!skipped\b)")  # not a duplicate's
    failed = {m.group(1) for m in problem.finditer(done.stdout + "\n" + done.stderr)}
    return failed, seconds


def _snippet_shares(scorer, path: Path | None, page) -> tuple[float | None, float | None]:
    if not (page.must_contain or page.must_not_contain):
        return None, None
    if path is None:
        return 0.0, 0.0
    parsed = scorer.parse_output(str(path))
    text = _squash(scorer.body_text_for_scoring(parsed["body"], parsed["title"]))
    contains = [_squash(s) in text for s in page.must_contain]
    avoids = [_squash(s) not in text for s in page.must_not_contain]
    return (sum(contains) / len(contains) if contains else None,
            sum(avoids) / len(avoids) if avoids else None)


def _squash(text: str) -> str:
    return " ".join(text.split()).lower()


def ceilings(scorer, data_dir: Path, form: str, page, truth: dict) -> dict:
    """The page's ceilings in this form (eval/real_ceiling.py): what its input could give at best."""
    if form == "html":
        rendered = data_dir / "text_full" / f"{page.id}.txt"
        source = data_dir / "html" / f"{page.id}.html"
        found = {"printed": real_ceiling.date_printed(_read(source), page.day, page.lang, dateparser=False)
                 if page.day and source.is_file() else None}
        if truth.get("body") and rendered.is_file():
            found["oracle_f1"] = real_ceiling.line_oracle_f1(_read(rendered), truth["body"], scorer.tokens, scorer.prf)
        return found
    if not (data_dir / form / f"{page.id}.txt").is_file():
        return {}
    text = _read(data_dir / form / f"{page.id}.txt")
    return {"printed": real_ceiling.date_printed(text, page.day, page.lang) if page.day else None,
            "title_line": real_ceiling.title_as_line(text, page.title, scorer.norm_title) if page.title else None}


def _read(path: Path) -> str:
    return unicodedata.normalize("NFKC", path.read_text(encoding="utf-8", errors="replace"))


def score_form(scorer, data_dir: Path, form: str, root: Path, pages, failed: set[str]) -> dict[str, Result]:
    truth = scorer.load_truth(str(data_dir))
    out_dir = root / "content"
    _, rows = scorer.score_dir(str(out_dir), truth, form, str(data_dir))
    by_id = {p.id: p for p in pages}
    results = {}
    for row in rows:
        path = None if row["missing"] else out_dir / row["file"]
        contains, avoids = _snippet_shares(scorer, path, by_id[row["id"]])
        results[row["id"]] = Result(
            id=row["id"], missing=row["missing"], failed=row["id"] in failed,
            p=row["p"], r=row["r"], f1=row["f1"], title_exact=row["title_exact"],
            date_same_day=row["date_exact"], contains=contains, avoids=avoids,
            **ceilings(scorer, data_dir, form, by_id[row["id"]], truth[row["id"]]))
    return results


def evaluate(scorer, data_dir: Path, work: Path, log, forms=FORMS) -> tuple[list[str], dict, list[dict]]:
    """-> (the report's lines, timings, one row per page and form for a closer look)."""
    timings: dict[str, float] = {}
    sets = [("main corpus", data_dir, real_report.body_table),
            ("supplement (trafilatura-eval)", data_dir / SUPPLEMENT, real_report.supplement_table)]
    tables: dict[tuple[str, str], list] = {}
    per_page: list[dict] = []
    samples: dict[tuple[str, str, str, str], list[float]] = {}
    for label, folder, _ in sets:
        if not (folder / "truth").is_dir():
            log(f"{folder}: missing, {label} left out")
            continue
        pages = load_pages(folder)
        for form, ext in forms:
            if not (folder / form).is_dir():
                continue
            root = work / label.split()[0] / form
            failed, seconds = import_form(folder, form, ext, root)
            timings[f"import {label} {form}"] = seconds
            log(f"  imported {label} {form}: {len(pages)} pages, {len(failed)} failed, {seconds:.0f} s")
            results = score_form(scorer, folder, form, root, pages, failed)
            per_page += [{"set": label.split()[0], "form": form, "part": p.part, "source": p.source, "lang": p.lang,
                          **vars(results[p.id])} for p in pages]
            for part in ("dev", "test"):
                tables.setdefault((label, part), []).extend(
                    (form, line) for line in real_report.lines(pages, part, results))
                for measure in ("f1", "title", "date"):
                    samples[(label.split()[0], form, part, measure)] = real_targets.values(
                        [p for p in pages if p.part == part], results, measure)
    report = ["### Targets (issue #19)", ""] + real_targets.table(samples) + [""]
    for label, folder, table in sets:
        for part in ("dev", "test"):
            rows = tables.get((label, part))
            if rows:
                report += [f"### {label}: {part} part", ""] + table(_by_form(rows)) + [""]
    return report, timings, per_page


def _by_form(rows):
    """Grouped by form, the 'all' line of each form first."""
    order = {form: i for i, (form, _) in enumerate(FORMS)}
    return sorted(rows, key=lambda fl: order[fl[0]])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.real", description=__doc__.splitlines()[0])
    ap.add_argument("--data", help="the unpacked corpus (default: $REAL_ARTICLES, else .cache/real-articles)")
    ap.add_argument("--keep", metavar="DIR", help="import into DIR (kept) instead of a temporary folder")
    ap.add_argument("--forms", default=",".join(f for f, _ in FORMS), metavar="LIST",
                    help="the forms to import, comma-separated (default: all; html alone is quicker to iterate on)")
    ap.add_argument("--report", default=str(REPO / ".cache" / "eval-real" / "report.md"), metavar="FILE")
    args = ap.parse_args(argv)
    forms = tuple((f, e) for f, e in FORMS if f in args.forms.split(","))
    if not forms or len(forms) != len(set(args.forms.split(","))):
        ap.error(f"--forms: a comma-separated list of {', '.join(f for f, _ in FORMS)}")

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    start = time.perf_counter()
    try:
        scorer = load_scorer()  # first: a missing scorer should not wait for the renderings
        data_dir = find_data(args.data, log)
    except CorpusMissing as exc:
        print(f"eval-real: {exc}", file=sys.stderr)
        return 2
    timings = {}
    for folder in (data_dir, data_dir / SUPPLEMENT):
        if ("text_full", "txt") in forms and (folder / "html").is_dir() and text_full.missing(folder):
            t0 = time.perf_counter()
            written, problems = text_full.render(folder, log)
            timings[f"text_full {folder.name}"] = time.perf_counter() - t0
            log(f"  text_full: {written} written under {folder}/text_full, {len(problems)} failed")
            for line in problems:
                log(f"    {line}")
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="eval-real-"))
    if args.keep:
        shutil.rmtree(work, ignore_errors=True)
    try:
        lines, import_times, per_page = evaluate(scorer, data_dir, work, log, forms)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    timings.update(import_times)
    total = time.perf_counter() - start
    head = [f"# Real pages: {data_dir}", "",
            f"`make eval-real` on {dt.date.today().isoformat()}; split: sha256(id)[0] < 0.7*256 -> dev, else test; "
            f"{total:.0f} s in all (" + ", ".join(f"{k} {v:.0f} s" for k, v in timings.items()) + ").", ""]
    report = "\n".join(head + lines)
    print(report)
    Path(args.report).parent.mkdir(parents=True, exist_ok=True)
    Path(args.report).write_text(report + "\n", encoding="utf-8")
    rows = Path(args.report).with_suffix(".json")
    rows.write_text(json.dumps(per_page, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    log(f"report written to {args.report}, per page to {rows}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
