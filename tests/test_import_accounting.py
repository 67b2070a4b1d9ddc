"""Scraped text: every line of the input is accounted for (in the body, in a field, or in the list
--explain prints with its reason), checked with eval/real_accounting.py's own accounting on small pages
of our own, in the shapes real copied pages have."""

from __future__ import annotations

from eval.real_accounting import audit
from generator.ingest import furniture, text
from generator.ingest.record import Imported
from tests.helpers import FERRY_ARTICLE, FERRY_HEADLINE, FERRY_PARAGRAPHS

MENU = "Harbour Gazette\nHome\nNews\nSport\nWeather\nOpinion\nFerries\nIsland life\nBusiness\nLetters\n"
BESIDE = "navigation (beside the headline: the site's name, a path, a by-line or a date)"


def _accounted(page: str) -> Imported:
    record = text.read(page)
    found = audit(page, record)
    assert found.lost == [], found.lost
    assert found.vague == []
    return record


def test_a_whole_page_copy_with_its_furniture_is_all_accounted_for():
    page = (f"{MENU}{FERRY_HEADLINE}\nBy Jane Roe\nMarch 2, 2021\n\n{FERRY_ARTICLE}\n\n"
            "Share this article\n\nFacebook Twitter Email\n\n12 Comments\n\n"
            "FerryFan on March 3, 2021 at 9:12 am\n\n"
            "About time. I have missed the first crossing every morning for two years and my boss has noticed it.\n\n"
            "Copyright 2021 Harbour Gazette Ltd. All rights reserved.\n")
    record = _accounted(page)
    assert all(paragraph in record.body for paragraph in FERRY_PARAGRAPHS)


def test_a_promotion_set_aside_by_a_by_line_is_listed_when_a_later_by_line_sets_another_aside():
    # A reprints notice and a section label above the date line; under the by-line, the standfirst printed
    # as two paragraphs, the by-line again, then the article (a page that prints its top twice).
    promotion = ("Gazette Reprints: this copy is for your personal, non-commercial use only, and copies for "
                 "your colleagues can be ordered with the reprints tool.")
    page = (f"{FERRY_HEADLINE}\n\n{promotion}\n\nOrder a reprint of this article now\n\nLOCAL NEWS\n"
            f"Updated March 2, 2021\nBy Jane Roe\n\n{FERRY_PARAGRAPHS[0]}\n\n{FERRY_PARAGRAPHS[1]}\n\n"
            f"By Jane Roe\n\n{FERRY_ARTICLE}\n")
    record = _accounted(page)
    assert ("promotion above the by-line", promotion) in record.dropped
    assert ("promotion above the by-line", "LOCAL NEWS") in record.dropped
    assert promotion not in record.body
    assert all(paragraph in record.body for paragraph in FERRY_PARAGRAPHS)


def test_what_the_headlines_line_adds_beside_the_title_is_listed():
    # The page's <title> line over its headline, and a headline line with a date after it.
    cases = ((f"{FERRY_HEADLINE} « Harbour Gazette – island news\n{FERRY_HEADLINE}\n", "« Harbour Gazette – island news"),
             (f"Home / News / {FERRY_HEADLINE}\nBy Jane Roe\n\n{FERRY_HEADLINE}\n", "Home / News /"),
             (f"{FERRY_HEADLINE} - Harbour Gazette\nBy Jane Roe\n\n{FERRY_HEADLINE}\n", "- Harbour Gazette"),
             (f"{FERRY_HEADLINE} posted August 3, 2012\n", "posted August 3, 2012"))
    for top, beside in cases:
        page = f"{top}By Jane Roe\n\n{FERRY_ARTICLE}\n"
        record = _accounted(page)
        assert record.title == FERRY_HEADLINE
        assert (BESIDE, beside) in record.dropped, record.dropped
        assert all(paragraph in record.body for paragraph in FERRY_PARAGRAPHS)


def test_the_accounting_finds_a_line_that_is_nowhere():
    record = Imported(kind="text", title=FERRY_HEADLINE, body="\n\n".join(FERRY_PARAGRAPHS[:2]) + "\n",
                      dropped=(("navigation", "Home"), ("left out", "News")))
    found = audit(f"Home\nNews\n{FERRY_HEADLINE}\n\n{FERRY_ARTICLE}\n", record)
    assert found.lost == [FERRY_PARAGRAPHS[2]]
    assert found.vague == [("left out", "News")]
    assert found.lines == 6
    moved = Imported(kind="text", title=FERRY_HEADLINE, body=FERRY_ARTICLE, rights=(
        "This is not supposed to be a manifesto™© we just think it is worth sharing what we have learned so far.",
        "© 2021 Harbour Gazette Ltd. All rights reserved. No part of this page may be copied without permission."))
    assert [field for field, _ in audit(FERRY_ARTICLE, moved).prose_moved] == ["rights"]


def test_a_copyright_sign_inside_a_sentence_keeps_the_paragraph_in_the_text():
    closing = ("This is not supposed to be a manifesto™© we just think it is worth sharing what we have learned "
               "so far, and hope you will do the same.")
    record = _accounted(f"{FERRY_HEADLINE}\nBy Jane Roe\n\n{FERRY_ARTICLE}\n\n{closing}\n\n"
                        "Harbour Gazette© 2021. All rights reserved.\n")
    assert closing in record.body
    assert record.rights == ("Harbour Gazette© 2021. All rights reserved.",)
    assert not furniture.is_rights_line(closing)
    assert furniture.is_rights_line("© Harbour Gazette Ltd")
    assert furniture.is_rights_line("Photos ©iStock")
