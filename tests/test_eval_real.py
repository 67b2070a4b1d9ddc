"""The real-corpus evaluation's own logic (eval/real_corpus.py, eval/real_report.py) on a tiny fake
corpus written here: the fixed split, and what each figure of the report is averaged over."""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import json

from eval.real import import_form
from eval.real_ceiling import date_printed, line_oracle_f1, title_as_line
from eval.real_corpus import load_pages, part_of
from eval.real_report import Result, body_table, lines, supplement_table


def test_the_split_is_a_fixed_70_30_rule_on_the_ids_hash():
    assert part_of("fake-a") == "dev"  # sha256 first byte 159
    assert part_of("fake-b") == "test"  # 211
    assert part_of("fake-d") == "dev"  # 140: < 0.7 * 256 = 179.2
    ids = [f"page-{n}" for n in range(2000)]
    dev = [i for i in ids if part_of(i) == "dev"]
    assert all((hashlib.sha256(i.encode()).digest()[0] < 180) == (i in dev) for i in ids[:200])
    assert 0.66 < len(dev) / len(ids) < 0.74


def _write_truth(folder, **pages):
    (folder / "truth").mkdir(parents=True)
    for page_id, fields in pages.items():
        truth = {"id": page_id, "body": "x", "title": None, "published": None, "lang": "en", "source": "s1", **fields}
        (folder / "truth" / f"{page_id}.json").write_text(json.dumps(truth), encoding="utf-8")


def test_report_averages_titles_over_gold_titles_and_dates_over_full_gold_dates(tmp_path):
    _write_truth(
        tmp_path,
        **{"fake-a": {"title": "Alpha", "published": "2019-11-19"},
           "fake-c": {"lang": "zh", "source": "s2", "published": "2018"},  # no title, a year alone
           "fake-d": {"title": "Delta", "published": "2020-01-02T10:00:00Z"},
           "fake-b": {"title": "Beta", "published": "2021-05-06"}},  # the test part
    )
    pages = load_pages(tmp_path)
    assert [(p.id, p.part, p.full_date) for p in pages] == [
        ("fake-a", "dev", True), ("fake-b", "test", True), ("fake-c", "dev", False), ("fake-d", "dev", True)]
    results = {
        "fake-a": Result("fake-a", p=1.0, r=0.5, f1=2 / 3, title_exact=True, date_same_day=True),
        "fake-c": Result("fake-c", missing=True, failed=True, date_same_day=False),
        "fake-d": Result("fake-d", p=0.5, r=1.0, f1=2 / 3, title_exact=False, date_same_day=True),
        "fake-b": Result("fake-b", p=1.0, r=1.0, f1=1.0, title_exact=True, date_same_day=False),
    }
    dev = {line.group: line for line in lines(pages, "dev", results)}
    assert list(dev) == ["all", "source s1", "source s2", "lang en", "lang zh"]
    everything = dev["all"]
    assert (everything.pages, everything.failed, everything.missing) == (3, 1, 1)
    assert abs(everything.f1 - 4 / 9) < 1e-9  # the failed page counts 0
    assert (everything.titled, everything.title_exact) == (2, 0.5)  # fake-c has no gold title
    assert (everything.dated, everything.date_same_day) == (2, 1.0)  # "2018" is left out
    assert (dev["lang zh"].titled, dev["lang zh"].title_exact, dev["lang zh"].dated) == (0, None, 0)
    test = lines(pages, "test", results)
    assert (test[0].pages, test[0].f1, test[0].date_same_day) == (1, 1.0, 0.0)
    table = body_table([("html", everything)])
    assert table[-1] == "| html | all | 3 | 1 | 0.500 | 0.500 | 0.444 | 0.500 (2) | 1.000 (2) | - | - | - |"


def test_supplement_report_shares_snippets_over_pages_that_have_them(tmp_path):
    _write_truth(
        tmp_path,
        **{"fake-a": {"title": "Alpha", "published": "2019-11-19", "must_contain": ["a", "b"],
                      "must_not_contain": ["c"]},
           "fake-d": {"title": "Delta", "published": "2019-11", "must_contain": ["d"]},
           "fake-f": {"title": "Foxtrot", "published": "2022-25-10"},  # no day of the calendar
           "fake-g": {"title": "Golf", "published": "2022-11-1"}},
    )
    pages = load_pages(tmp_path)
    results = {
        "fake-a": Result("fake-a", title_exact=True, date_same_day=True, contains=0.5, avoids=1.0,
                         printed=True, title_line=True),
        "fake-d": Result("fake-d", missing=True, failed=True, contains=0.0, avoids=None, printed=True),
        "fake-f": Result("fake-f", title_exact=True, title_line=False),
        "fake-g": Result("fake-g", title_exact=False, date_same_day=True, printed=False),
    }
    [everything, *_] = lines(pages, "dev", results)
    assert (everything.titled, everything.title_exact) == (4, 0.5)
    assert (everything.dated, everything.date_same_day) == (2, 1.0)  # "2019-11" and "2022-25-10" are left out
    assert (everything.snippets, everything.contains, everything.avoids) == (2, 0.25, 0.5)
    assert supplement_table([("text", everything)])[-1] == \
        "| text | all | 4 | 1 | 0.500 (4) | 1.000 (2) | 0.250 (2) | 0.500 (2) | 0.500 | 0.500 |"
    # the ceilings over the pages of the figure they bound: fake-d's "2019-11" is no full date


def test_forms_can_be_chosen_and_an_unknown_one_is_refused(capsys):
    import pytest

    from eval import real

    with pytest.raises(SystemExit) as exited:
        real.main(["--forms", "html,pdf", "--data", "/nonexistent"])
    assert exited.value.code == 2 and "a comma-separated list of html, text, text_full" in capsys.readouterr().err


def test_date_printed_reads_the_gold_day_in_any_common_shape_and_nothing_else():
    day = dt.date(2019, 11, 19)
    printed = ["Updated 3:04 PM ET, Tue November 19, 2019", "19/11/2019 15:04", "11/19/19", "2019-11-19T10:00",
               "Veröffentlicht am 19. November 2019", "publié le 19 nov. 2019", "3 de noviembre".replace("3", "19")
               + " de 201921:25", "发表于 2019年11月19日", "Jane RoeNovember 19, 2019", "19 ноября 2019"]
    for line in printed:
        assert date_printed(f"Headline\n{line}\nText.", day, "ru" if "ноя" in line else "en"), line
    for line in ["November 2019", "19/11/2018", "November 20, 2019", "19 hours ago", "Copyright 2019", "2019/11",
                 "November 5, 2019 at 19:51", "19:05 Uhr, 5. November 2019"]:
        assert not date_printed(f"Headline\n{line}\nText.", day, "en"), line
    source = '<meta property="article:published_time" content="2019-11-19T09:48:24Z"/><p>Text.</p>'
    assert date_printed(source, day, "en", dateparser=False)  # an HTML page's source: its metadata counts
    assert not date_printed(source.replace("11-19", "11-18"), day, "en", dateparser=False)


def test_title_as_line_compares_whole_lines_as_the_scorer_does():
    norm = lambda s: " ".join(s.replace("\u2019", "'").split()).lower()  # noqa: E731 - score.py's norm_title in small
    assert title_as_line("Menu\n  The Mayor\u2019s  Plan \nText", "The mayor's plan", norm)
    assert not title_as_line("Menu\nThe mayor's plan, explained\nText", "The mayor's plan", norm)


def test_line_oracle_keeps_the_lines_of_the_page_that_the_gold_has():
    def tokens(text):
        return collections.Counter(text.lower().split())

    def prf(pred, true):
        tp = sum((pred & true).values())
        p, r = tp / sum(pred.values()), tp / sum(true.values())
        return p, r, 2 * p * r / (p + r)

    page = "Home\nNews\nFirst paragraph here.\nSecond one.\nShare this"
    assert line_oracle_f1(page, "First paragraph here.\n\nSecond one.", tokens, prf) == 1.0
    # a gold word the page shows only inside a line of furniture ("Share") cannot be had by whole lines
    assert line_oracle_f1(page, "First paragraph here. Share", tokens, prf) < 1.0


def test_only_inputs_the_import_failed_count_as_failed_not_a_duplicate_it_skipped(tmp_path):
    page = "<html><head><title>Harbour walks</title></head><body><article><p>" + \
        "The harbour walk opened on Tuesday after two years of work on the old sea wall. " * 4 + \
        "</p></article></body></html>"
    (tmp_path / "data/html").mkdir(parents=True)
    for name, text in (("a", page), ("b", page), ("empty", "")):  # b: the same bytes as a, so skipped
        (tmp_path / "data/html" / f"{name}.html").write_text(text, encoding="utf-8")
    failed, _ = import_form(tmp_path / "data", "html", "html", tmp_path / "root")
    assert failed == {"empty"}


def test_the_targets_table_pools_the_sets_a_target_names_and_bounds_each_figure(tmp_path):
    from eval.real_targets import table, values

    _write_truth(tmp_path, **{"fake-a": {"title": "Alpha", "published": "2019-11-19"},
                              "fake-c": {"published": "2018"}, "fake-d": {"title": "Delta"}})
    pages = load_pages(tmp_path)
    results = {"fake-a": Result("fake-a", f1=0.5, title_exact=True, date_same_day=True),
               "fake-d": Result("fake-d", f1=1.0, title_exact=False)}  # fake-c: no output, scores 0
    assert values(pages, results, "f1") == [0.5, 0.0, 1.0]
    assert values(pages, results, "title") == [1.0, 0.0]  # fake-c has no gold title
    assert values(pages, results, "date") == [1.0]  # "2018" is no day
    samples = {("main", "html", "test", "f1"): [1.0] * 19 + [0.0],
               ("main", "html", "test", "date"): [1.0] * 8 + [0.0] * 2,
               ("supplement", "html", "test", "date"): [1.0] * 10}
    rows = table(samples)
    assert rows == table(samples)  # the same report each run
    body = next(r for r in rows if r.startswith("| html body F1 ≥ 0.95 | test |"))
    assert "| 0.950 (20) |" in body and body.endswith("| yes |")
    low, high = (float(x) for x in body.split("|")[4].strip().split("–"))
    assert low < 0.95 < high == 1.0
    dates = next(r for r in rows if r.startswith("| html date same day, main + supplement ≥ 0.90 | test |"))
    assert "| 0.900 (20) |" in dates  # both sets' dated pages, pooled
    assert not any("| dev |" in r or "text body" in r for r in rows)  # no rows for what was not run
