"""A comment thread's heading as blogs print it ("5 thoughts on “<headline>”", WordPress's own; "12 Responses to
“…”", "3 comments") ends the text, in scraped text and in html; a paragraph or a subheading that speaks of thoughts
stays text. Our own small pages."""

from __future__ import annotations

import pytest

from generator.ingest import html as html_reader
from generator.ingest import text
from generator.ingest.endings import ending
from tests.helpers import FERRY_ARTICLE, FERRY_HEADLINE, FERRY_PARAGRAPHS

COMMENT = ("About time. I have missed the first crossing every morning for two years and my boss has noticed it, "
           "so this is the best news I have had all winter.")
HEADINGS = [
    f"5 thoughts on “{FERRY_HEADLINE}”", f"One thought on “{FERRY_HEADLINE}”", '2 thoughts on "Ferry timetable"',
    f"12 Responses to “{FERRY_HEADLINE}”", "3 comments", f"2 Kommentare zu „{FERRY_HEADLINE}“",
    f"3 commentaires sur « {FERRY_HEADLINE} »",
]
# Lines about thoughts that are prose or a subheading of the article, no thread's heading
NOT_HEADINGS = [
    "Two thoughts on the timetable", "Three thoughts on the budget:",
    "Two thoughts on “the new timetable” struck the council as odd, the minutes say.",
    "12 thoughts on the ferry and its crew, who were late again on Tuesday.",
]


@pytest.mark.parametrize("heading", HEADINGS)
def test_a_thread_heading_is_a_comments_ending(heading):
    assert ending(heading) == "comments"


@pytest.mark.parametrize("line", NOT_HEADINGS)
def test_a_line_that_speaks_of_thoughts_is_no_ending(line):
    assert ending(line) is None


@pytest.mark.parametrize("heading", HEADINGS[:2] + HEADINGS[3:4])
def test_a_thread_heading_ends_the_text(heading):
    record = text.read(f"{FERRY_HEADLINE}\nBy Jane Roe\n\n{FERRY_ARTICLE}\n\n{heading}\n\nFerryFan\n\n{COMMENT}\n")
    assert all(p in record.body for p in FERRY_PARAGRAPHS)
    assert "About time" not in record.body and "FerryFan" not in record.body, record.body
    assert ("comments", heading) in record.dropped


@pytest.mark.parametrize("heading", HEADINGS[:2])
def test_a_thread_heading_ends_the_text_in_html(heading):
    paragraphs = "".join(f"<p>{p}</p>" for p in FERRY_PARAGRAPHS)
    page = (f"<html><head><title>{FERRY_HEADLINE}</title></head><body><h1>{FERRY_HEADLINE}</h1><article>{paragraphs}"
            f"<h3>{heading}</h3><p>{COMMENT}</p></article></body></html>")
    record = html_reader.read(page)
    assert all(p in record.body for p in FERRY_PARAGRAPHS)
    assert "About time" not in record.body, record.body


@pytest.mark.parametrize("line", NOT_HEADINGS[:2])
def test_a_subheading_about_thoughts_stays_in_the_text(line):
    record = text.read(f"{FERRY_HEADLINE}\nBy Jane Roe\n\n{FERRY_ARTICLE}\n\n{line}\n\n{COMMENT}\n")
    assert line in record.body and "About time" in record.body


def test_a_german_paragraph_ending_in_its_closing_quotation_mark_stays_before_the_thread():
    quoted = ("„Die Fähre fährt ab März zweimal am Morgen, und die Tickets bleiben gültig“, sagte die Sprecherin "
              "des Rates am Dienstag. „Wir haben lange genug darüber gestritten.“")
    heading = f"0 Kommentare zu “{FERRY_HEADLINE}”"
    record = text.read(f"{FERRY_HEADLINE}\nBy Jane Roe\n\n{FERRY_ARTICLE}\n\n{quoted}\n\n{heading}\n\n{COMMENT}\n")
    assert quoted in record.body and "About time" not in record.body, record.body


# Paragraphs that open with the words of a thread's heading: a title after "to", "on", "zu", "sur" is quoted to the
# line's end or ends as no sentence does
SENTENCES_ON_COMMENTS = [
    "Kommentare zu der Entscheidung gab es am Dienstag viele, die meisten von Pendlern aus Kiel.",
    "Commentaires sur la réforme des horaires: le conseil en a reçu plus de deux cents.",
    "Comments on the new timetable were due by March 1.",
    "Reactions to 'the early boat' were swift.",
]


@pytest.mark.parametrize("line", SENTENCES_ON_COMMENTS)
def test_a_paragraph_that_opens_like_a_thread_heading_is_no_ending(line):
    assert ending(line) is None
    after = ("The first of the new crossings leaves at a quarter past five on the first Monday of March, the "
             "operator said, and tickets bought for the old timetable stay valid until the end of April.")
    record = text.read(f"{FERRY_HEADLINE}\nBy Jane Roe\n\n{FERRY_ARTICLE}\n\n{line}\n\n{after}\n")
    assert line in record.body and after in record.body, record.body
