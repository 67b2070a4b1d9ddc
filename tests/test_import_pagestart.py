"""Where a whole-page copy (Ctrl+A) starts: its headline, not the site's name, a skip link, a cookie notice,
the standfirst or the photo caption under the headline. Small pages of our own in the shapes real copies have."""

from __future__ import annotations

from generator.ingest import text
from tests.test_import_furniture import ARTICLE, HEADLINE, PARAGRAPHS

MENU = "Home\nNews\nSport\nWeather\nOpinion\nFerries\nIsland life\nBusiness\nLetters\n"


def _body_kept(record) -> None:
    for paragraph in PARAGRAPHS:
        assert paragraph in record.body


def test_a_skip_link_cookie_notice_and_login_line_are_furniture_not_the_headline():
    notices = ["Jump to navigation Skip navigation", "Direkt zum Inhalt", "Log in Sign up",
               "This website uses cookies to improve the service and to show you ads that suit you."]
    for notice in notices:
        record = text.read(f"{notice}\nHarbour Gazette\n{HEADLINE}\nBy Jane Roe\n\n{ARTICLE}\n")
        assert record.title == HEADLINE, notice
        _body_kept(record)
        assert dict((line, why) for why, line in record.dropped)[notice] in ("navigation", "notice"), notice


def test_a_sites_name_on_the_first_line_is_not_the_headline():
    # "Gull Point Weekly" shares no word with the article: it is the site's name, the menu follows it
    record = text.read(f"Gull Point Weekly\n{MENU}{HEADLINE}\n\n{ARTICLE}\n")
    assert record.title == HEADLINE
    assert ("navigation", "Gull Point Weekly") in record.dropped


def test_a_first_line_followed_by_a_by_line_stays_the_headline_even_with_words_of_its_own():
    first = "Solidarity = neighbourly help"
    record = text.read(f"{first}\nBy Jane Roe\n\nPublished 3 March 2021\n\nShare\n\n{ARTICLE}\n")
    assert record.title == first


def test_the_headline_above_a_standfirst_or_a_caption_that_reads_more_like_the_text():
    standfirst = "The harbour council approved a new ferry timetable with two early crossings on weekdays"
    record = text.read(f"{MENU}{HEADLINE}\nShare this page Pin It\n{standfirst}\n\n{ARTICLE}\n")
    assert record.title == HEADLINE
    _body_kept(record)
    assert ("share bar", "Share this page Pin It") in record.dropped


def test_a_breadcrumb_that_ends_in_the_headline_is_not_taken_for_it():
    crumb = f"Home / News / {HEADLINE}"
    standfirst = "The harbour council approved a new ferry timetable with two early crossings on weekdays"
    record = text.read(f"{MENU}{crumb}\n{HEADLINE}\n{standfirst}\n\n{ARTICLE}\n")
    assert record.title == HEADLINE

