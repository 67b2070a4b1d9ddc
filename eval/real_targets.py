"""Issue #19's targets, each with its figure on the dev and the test part and a 95 % interval.

The test part is small (214 main pages, 110 dated pages in all), so a figure a page or two from its
target says little; the interval (a bootstrap over the part's pages, with a fixed seed so the report
is the same each run) says how far chance alone moves it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from eval.real_corpus import Page
from eval.real_report import Result

RESAMPLES = 1000


@dataclass(frozen=True)
class Target:
    name: str
    form: str
    sets: tuple[str, ...]  # "main", "supplement": the sets whose pages are pooled
    measure: str  # "f1" over all pages, "title" over pages with a gold title, "date" over pages dated to the day
    goal: float


TARGETS = (
    Target("html body F1", "html", ("main",), "f1", 0.95),
    Target("text body F1", "text", ("main",), "f1", 0.90),
    Target("text_full body F1", "text_full", ("main",), "f1", 0.85),
    *(Target(f"{form} title exact, {name}", form, (name,), "title", goal)
      for form, goal in (("html", 0.90), ("text", 0.90), ("text_full", 0.80)) for name in ("main", "supplement")),
    *(Target(f"{form} date same day, main + supplement", form, ("main", "supplement"), "date", 0.90)
      for form in ("html", "text", "text_full")),
)


def values(pages: list[Page], results: dict[str, Result], measure: str) -> list[float]:
    """One value per page the measure is taken over (a page with no output scores 0)."""
    got = [(p, results.get(p.id, Result(p.id, missing=True))) for p in pages]
    if measure == "f1":
        return [r.f1 for _, r in got]
    if measure == "title":
        return [float(r.title_exact) for p, r in got if p.title]
    return [float(r.date_same_day) for p, r in got if p.full_date]


def interval(sample: list[float], seed: str) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of the mean over resamples of the pages."""
    rng = random.Random(seed)
    n = len(sample)
    means = sorted(sum(rng.choices(sample, k=n)) / n for _ in range(RESAMPLES))
    return means[int(0.025 * RESAMPLES)], means[int(0.975 * RESAMPLES) - 1]


def table(samples: dict[tuple[str, str, str, str], list[float]]) -> list[str]:
    """`samples[(set, form, part, measure)]`: the pages' values. One row per target and part whose forms were run."""
    out = ["| target | part | figure (of) | 95 % interval | met |", "| --- | --- | ---: | ---: | --- |"]
    for target in TARGETS:
        for part in ("test", "dev"):
            keys = [(name, target.form, part, target.measure) for name in target.sets]
            if not all(key in samples for key in keys):
                continue
            sample = [v for key in keys for v in samples[key]]
            if not sample:
                continue
            figure = sum(sample) / len(sample)
            low, high = interval(sample, f"{target.name} {part}")
            met = "yes" if figure >= target.goal else "no"
            out.append(f"| {target.name} ≥ {target.goal:.2f} | {part} | {figure:.3f} ({len(sample)}) | "
                       f"{low:.3f}–{high:.3f} | {met} |")
    return out + ["", "The dev part's whole-page titles of the Readability and trafilatura pages are in-sample (the "
                  "headline trees were fitted on them); `make cv-headline` gives them out of sample."]
