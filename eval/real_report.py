"""Aggregation of per-page scores on the real corpus into the report's tables.

Body figures are means over all pages of a group (a page with no output scores 0, as in the
corpus's score.py); title exact only over pages with a gold title; date same day only over pages
with a gold date to the day; must-contain / must-not-contain snippet shares (supplement) only
over pages that have such snippets. The ceilings (eval/real_ceiling.py) over the same pages as
the figure they bound: the line oracle's F1 over all pages, "title a line" over titled pages,
"date printed" (in the text; html: in the page source) over dated pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from eval.real_corpus import Page


@dataclass(frozen=True)
class Result:
    """One page in one form."""

    id: str
    missing: bool = False  # no output matched the page (a failed import, or an unmatched one)
    failed: bool = False  # the import CLI reported the input as failed
    p: float = 0.0
    r: float = 0.0
    f1: float = 0.0
    title_exact: bool = False
    date_same_day: bool = False
    contains: float | None = None  # share of must-contain snippets found in the body
    avoids: float | None = None  # share of must-not-contain snippets absent from it
    # ceilings (eval/real_ceiling.py), from the input alone; None where they do not apply
    printed: bool | None = None  # text forms: the gold day is printed in the input
    title_line: bool | None = None  # text forms: the gold title is a line of the input
    oracle_f1: float | None = None  # html: body F1 of the rendered page's lines that are in the gold


@dataclass(frozen=True)
class Line:
    group: str
    pages: int
    failed: int
    missing: int
    p: float
    r: float
    f1: float
    titled: int
    title_exact: float | None
    dated: int
    date_same_day: float | None
    snippets: int
    contains: float | None
    avoids: float | None
    printed: float | None = None  # share of dated pages whose input prints the gold day
    title_line: float | None = None  # share of titled pages whose input has the gold title as a line
    oracle_f1: float | None = None


def _mean(values: list) -> float | None:
    return sum(values) / len(values) if values else None


def summarize(group: str, pages: list[Page], results: dict[str, Result]) -> Line:
    got = [results.get(p.id, Result(p.id, missing=True)) for p in pages]
    titled = [results.get(p.id, Result(p.id, missing=True)) for p in pages if p.title]
    dated = [results.get(p.id, Result(p.id, missing=True)) for p in pages if p.full_date]
    snip = [r for p, r in zip(pages, got) if p.must_contain or p.must_not_contain]
    return Line(
        group=group, pages=len(pages),
        failed=sum(r.failed for r in got), missing=sum(r.missing for r in got),
        p=_mean([r.p for r in got]) or 0.0, r=_mean([r.r for r in got]) or 0.0,
        f1=_mean([r.f1 for r in got]) or 0.0,
        titled=len(titled), title_exact=_mean([r.title_exact for r in titled]),
        dated=len(dated), date_same_day=_mean([r.date_same_day for r in dated]),
        snippets=len(snip),
        contains=_mean([r.contains or 0.0 for r in snip]),
        avoids=_mean([0.0 if r.avoids is None else r.avoids for r in snip]),
        printed=_mean([r.printed for r in dated if r.printed is not None]),
        title_line=_mean([r.title_line for r in titled if r.title_line is not None]),
        oracle_f1=_mean([r.oracle_f1 for r in got if r.oracle_f1 is not None]),
    )


def groups(pages: list[Page]) -> Iterable[tuple[str, list[Page]]]:
    """All pages, then per source, then per language (largest first, then by name)."""
    yield "all", pages
    for key in ("source", "lang"):
        counts: dict[str, list[Page]] = {}
        for page in pages:
            counts.setdefault(getattr(page, key), []).append(page)
        if len(counts) > 1 or key == "source":
            for name, members in sorted(counts.items(), key=lambda kv: (-len(kv[1]), kv[0])):
                yield f"{key} {name}", members


def lines(pages: list[Page], part: str, results: dict[str, Result]) -> list[Line]:
    chosen = [p for p in pages if p.part == part]
    return [summarize(name, members, results) for name, members in groups(chosen)]


def _share(value: float | None, n: int) -> str:
    return "-" if value is None else f"{value:.3f} ({n})"


def _ceiling(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


CEILINGS = " ceiling: line oracle F1 | ceiling: title a line | ceiling: date printed |"


def body_table(rows: list[tuple[str, Line]]) -> list[str]:
    out = ["| form | group | pages | failed | body P | body R | body F1 | title exact (of) | date same day (of) |"
           + CEILINGS, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for form, ln in rows:
        out.append(f"| {form} | {ln.group} | {ln.pages} | {ln.failed} | {ln.p:.3f} | {ln.r:.3f} | {ln.f1:.3f} | "
                   f"{_share(ln.title_exact, ln.titled)} | {_share(ln.date_same_day, ln.dated)} | "
                   f"{_ceiling(ln.oracle_f1)} | {_ceiling(ln.title_line)} | {_ceiling(ln.printed)} |")
    return out


def supplement_table(rows: list[tuple[str, Line]]) -> list[str]:
    out = ["| form | group | pages | failed | title exact (of) | date same day (of) | must-contain found | "
           "must-not-contain absent | ceiling: title a line | ceiling: date printed |",
           "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for form, ln in rows:
        out.append(f"| {form} | {ln.group} | {ln.pages} | {ln.failed} | {_share(ln.title_exact, ln.titled)} | "
                   f"{_share(ln.date_same_day, ln.dated)} | {_share(ln.contains, ln.snippets)} | "
                   f"{_share(ln.avoids, ln.snippets)} | {_ceiling(ln.title_line)} | {_ceiling(ln.printed)} |")
    return out
