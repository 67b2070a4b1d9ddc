"""What orders a long posting list and bounds its pages: BM25 impacts from field lengths rounded to
half powers of two and averages rounded likewise, so a small edit elsewhere in the archive seldom
reorders (and rewrites) a list; and each row's length code, which lets the client bound a row's
score before it loads the exact lengths."""

from __future__ import annotations

import math

import numpy as np

from generator.search.documents import BOOSTS, FIELDS
from generator.search.statistics import K1, B, TermStats


def quantised(average: float) -> float:
    # Posting order uses averages rounded to half powers of two, so a small
    # edit elsewhere in the archive does not reorder (and rewrite) every page.
    return 2 ** (round(math.log2(average) * 2) / 2) if average > 0 else 1.0


# Field lengths as posting order and page bounds see them: rounded down to a half power of
# two, so that an edit that makes a body a sentence longer (which changes its length in the
# length table only) seldom moves its postings or a bound.
LENGTH_STEPS = np.array(sorted({int(2 ** (k / 2)) for k in range(63)}), dtype=np.int64)


def rounded_lengths(lengths: np.ndarray) -> np.ndarray:
    """Each length rounded down to the nearest of LENGTH_STEPS (0 stays 0)."""
    lengths = np.asarray(lengths, dtype=np.int64)
    steps = LENGTH_STEPS[np.maximum(np.searchsorted(LENGTH_STEPS, lengths, side="right") - 1, 0)]
    return np.where(lengths > 0, steps, 0)


def rows_of(stats: TermStats, starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The rows of the postings `start:start + size` of each span, one after another: the
    posting's doc, then its tf in each field (0 where the field lacks the term), then its
    `length_code`."""
    total = int(sizes.sum())
    index = np.repeat(starts - (np.cumsum(sizes) - sizes), sizes) + np.arange(total, dtype=np.int64)
    rows = np.empty((total, 2 + len(FIELDS)), dtype=np.int32)
    rows[:, 0] = stats.docs[index]
    for f in range(len(FIELDS)):
        rows[:, 1 + f] = stats.tfs[f, index]
    rows[:, -1] = length_code(rows, stats.lengths)
    return rows


def length_code(rows: np.ndarray, lengths: list[np.ndarray]) -> np.ndarray:
    """Per row, where its document's field lengths lie among LENGTH_STEPS, in one number:
    the sum over fields of `step * 64 ** (fields - 1 - f)`, where the length is at least
    `steps[step]` and less than `steps[step + 1]` (0 in a field without the term). It lets
    the client bound a row's score before it loads the exact lengths, and it changes only
    when a length crosses a step (as the order of a long list does)."""
    code = np.zeros(len(rows), dtype=np.int64)
    docs = rows[:, 0]
    for f in range(len(FIELDS)):
        step = np.searchsorted(LENGTH_STEPS, lengths[f][docs], side="right") - 1
        code = code * 64 + np.where(rows[:, 1 + f] > 0, np.maximum(step, 0), 0)
    return code


def row_lengths(rows: np.ndarray, lengths: list[np.ndarray]) -> list[np.ndarray]:
    """Per field, each row's document's rounded field length, 0 where the field lacks the term."""
    docs = rows[:, 0]
    return [np.where(rows[:, 1 + f] > 0, rounded_lengths(lengths[f][docs]), 0) for f in range(len(FIELDS))]


def impacts(rows: np.ndarray, row_lengths: list[np.ndarray], proxies: list[float]) -> np.ndarray:
    """Each row's BM25 impact ignoring idf (the same for every row of a term), negated, from
    rounded lengths and averages (what orders a long posting list).

    The same floating-point operations in the same order as the scalar formula
    `boost * (K1 + 1) * tf / (K1 * (1 - B + B * length / proxy) + tf)`, summed over
    the fields holding the term, so ties and order are exactly those of the
    scalar computation.
    """
    total = np.zeros(len(rows), dtype=np.float64)
    for f, boost in enumerate(BOOSTS):
        tf = rows[:, 1 + f].astype(np.float64)
        length = row_lengths[f].astype(np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            impact = boost * (K1 + 1) * tf / (K1 * (1 - B + B * length / proxies[f]) + tf)
        total = total + np.where(tf > 0, impact, 0.0)
    return -total


def proxies_of(averages: list[float]) -> list[float]:
    """The averages that order long posting lists."""
    return [quantised(a) for a in averages]
