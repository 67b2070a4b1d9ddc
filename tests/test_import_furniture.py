"""Scraped text: a line leaves the article only as a recognised kind of page furniture, and --explain says which.

Each case is a small page of our own, in the shapes real copied pages have: a whole-page copy (menu first),
a share bar, a list of other stories, a comment section, a footer, a notice. The article's paragraphs must
all stay; the furniture must leave the body and be listed with its kind.
"""

from __future__ import annotations

import datetime as dt

import pytest

from generator.ingest import html as html_reader
from generator.ingest import text
from generator.load import content
from tests.helpers import FERRY_ARTICLE, FERRY_HEADLINE, FERRY_PARAGRAPHS

HEADLINE, PARAGRAPHS, ARTICLE = FERRY_HEADLINE, FERRY_PARAGRAPHS, FERRY_ARTICLE


def _page(before: str = "", after: str = "", byline: str = "By Jane Roe") -> str:
    return f"{before}{HEADLINE}\n{byline}\n\n{ARTICLE}\n\n{after}"


def _check(record, furniture: list[str], kind: str) -> None:
    for paragraph in PARAGRAPHS:
        assert paragraph in record.body
    for line in furniture:
        assert line not in record.body
    dropped = dict((line, why) for why, line in record.dropped)
    for line in furniture:
        assert dropped.get(line, "").startswith(kind), (line, dropped.get(line))


def test_a_whole_page_copy_starts_at_its_headline_and_drops_the_menu_as_navigation():
    menu = ["Harbour Gazette", "Home", "News", "Sport", "Weather", "Opinion", "Ferries",
            "Island life", "Business", "Letters", "Most read: Storm closes the coast road for a day"]
    record = text.read(_page(before="\n".join(menu) + "\n"))
    assert record.title == HEADLINE
    assert record.authors == ("Jane Roe",)
    _check(record, menu, "navigation")


def test_a_share_bar_after_the_article_ends_it():
    after = ("Share this article\n\nFacebook Twitter Email\n\n"
             "The town's new library opens its doors with a week of readings for children and adults.\n")
    record = text.read(_page(after=after))
    assert "library" not in record.body
    _check(record, ["Share this article", "Facebook Twitter Email"], "share bar")


def test_a_list_of_other_stories_is_a_related_list():
    after = ("More from the Gazette\n\nStorm closes the coast road for a day\n\n"
             "Fishermen protest new quota rules outside the town hall, saying the rules will cost them a season.\n")
    record = text.read(_page(after=after))
    assert "Fishermen" not in record.body
    _check(record, ["More from the Gazette", "Storm closes the coast road for a day"], "related list")


def test_a_comment_section_is_left_out_as_comments():
    after = ("12 Comments\n\nFerryFan on March 3, 2021 at 9:12 am\n\n"
             "About time. I have missed the first crossing every morning for two years and my boss has noticed it.\n\n"
             "Leave a Reply\n")
    record = text.read(_page(after=after))
    assert "About time" not in record.body
    _check(record, ["12 Comments", "FerryFan on March 3, 2021 at 9:12 am", "Leave a Reply"], "comments")


def test_a_section_headed_response_stays_but_responses_open_the_comments():
    section = ("Response\n\nThe timetable page answers each request with a response that says whether the "
               "crossing is open and when the next ferry leaves the harbour.\n\n")
    after = "2 Responses\n\nFerryFan: About time, the first crossing has been late every morning for a year.\n"
    record = text.read(_page(after=section + after))
    assert "next ferry leaves the harbour" in record.body
    assert "About time" not in record.body
    _check(record, ["2 Responses"], "comments")


def test_a_footer_after_the_article_is_left_out_as_footer():
    after = ("Tags: ferries, harbour council, timetable\n\n"
             "About us | Contact | Advertise with us | Jobs at the Gazette\n\n"
             "The Gazette has served the harbour towns since 1882 and is owned by its readers' trust.\n")
    record = text.read(_page(after=after))
    assert "1882" not in record.body
    _check(record, ["Tags: ferries, harbour council, timetable"], "footer")


def test_a_notice_line_is_left_out_as_a_notice():
    record = text.read(_page(before="Advertisement\n", after="Sign up for our newsletter\n"))
    _check(record, ["Advertisement", "Sign up for our newsletter"], "notice")


def test_copyright_then_furniture_ends_the_article_but_a_paragraph_about_copyright_stays():
    about = ("The ferry company said it holds the copyright to the old timetable's design and would not object "
             "to the council using it, a spokeswoman said.")
    page = (f"{HEADLINE}\nBy Jane Roe\n\n{PARAGRAPHS[0]}\n\n{about}\n\n{PARAGRAPHS[1]}\n\n{PARAGRAPHS[2]}\n\n"
            "Copyright 2021 Harbour Gazette Ltd. All rights reserved.\n\n"
            "This copy is for your personal, non-commercial use only. To order copies, contact our reprints desk.\n\n"
            "www.example.org/reprints\n\n"
            "Fishermen protest new quota rules outside the town hall, saying the rules will cost them a season.\n")
    record = text.read(page)
    assert about in record.body and PARAGRAPHS[2] in record.body
    assert record.rights == ("Copyright 2021 Harbour Gazette Ltd. All rights reserved.",)
    assert "personal, non-commercial" not in record.body and "Fishermen" not in record.body
    assert ("copyright (rights)", "Copyright 2021 Harbour Gazette Ltd. All rights reserved.") in record.dropped


@pytest.mark.parametrize("line, day", [
    ("Updated 3:04 PM ET, Tue November 19, 2019", dt.date(2019, 11, 19)),
    ("19/11/2019 15:04", dt.date(2019, 11, 19)),
    ("Posted 9/11/13 10:00AM", dt.date(2013, 9, 11)),
    ("Jane Roe | 06.11.19", dt.date(2019, 6, 11)),  # American sites write dotted dates month first
    ("Jane Roe | 21.10.2019", dt.date(2019, 10, 21)),
    ("发表于 2019年11月19日 15:04 - (阅读:3727)", dt.date(2019, 11, 19)),
])
def test_a_date_line_under_the_headline_gives_the_date(line, day):
    record = text.read(f"{HEADLINE}\n{line}\n\n{ARTICLE}\n")
    assert (record.published.year, record.published.month, record.published.day) == (day.year, day.month, day.day)


GERMAN = ("Der Hafenrat hat am Dienstag einen neuen Fahrplan für die Fähre beschlossen, der zwei frühe Fahrten an "
          "Werktagen und eine späte Fahrt am Samstag bringt.\n\nDie Mitglieder des Rats sagten, dass die Änderung den "
          "Menschen helfe, die auf der Insel früh zur Arbeit müssen, und dass die Kosten nicht zu hoch seien.\n")


def test_a_relative_date_is_read_only_against_a_known_capture_time():
    page = f"Hafenrat beschließt neuen Fahrplan für die Fähre\nvor 3 Stunden\n\n{GERMAN}"
    assert text.read(page).published is None
    record = text.read(page, captured=dt.datetime(2019, 11, 19, 18, 0))
    assert (record.published.year, record.published.month, record.published.day) == (2019, 11, 19)


def test_import_explain_lists_what_each_article_left_out(cli, tmp_path):
    source = tmp_path / "ferry.txt"
    source.write_text(_page(after="12 Comments\n\nLeave a Reply\n"), encoding="utf-8")
    ran = cli("import", source, "--root", tmp_path / "r", "--explain")
    assert ran.code == 0, ran.err
    assert "  comments: 12 Comments\n" in ran.out and "  comments: Leave a Reply\n" in ran.out
    assert "  by-line or date line (authors, dates): By Jane Roe\n" in ran.out
    quiet = cli("import", source, "--root", tmp_path / "r2")
    assert "comments:" not in quiet.out


def test_import_captured_option(cli, tmp_path):
    source = tmp_path / "ferry.txt"
    source.write_text(f"{HEADLINE}\n2 hours ago\n\n{ARTICLE}\n", encoding="utf-8")
    ran = cli("import", source, "--root", tmp_path / "r", "--captured", "2021-03-02T12:00")
    assert ran.code == 0, ran.err
    articles, problems = content.load(tmp_path / "r", ".", dt.timezone.utc)
    published = articles[0].published
    assert problems == [] and (published.year, published.month, published.day) == (2021, 3, 2)
    bad = cli("import", source, "--root", tmp_path / "r3", "--captured", "last week")
    assert bad.code == 2 and "--captured" in bad.err and "not a date" in bad.err


def test_the_article_resumes_after_a_list_of_stories_inside_it():
    box = "Related stories\n\nStorm closes the coast road for a day\n\nFishermen protest new quota rules\n\n"
    more = ("Opponents of the plan said they would ask the regional government to review the decision, arguing that "
            "the council had not consulted the island's residents before the vote on Tuesday.\n\n"
            "The ferry company said it would hire four more crew members before March to run the extra crossings, "
            "and that it expected the first weeks of the new timetable to be busy.\n\n")
    record = text.read(f"{HEADLINE}\nBy Jane Roe\n\n{ARTICLE}\n\n{box}{more}Leave a Reply\n\nGreat news for commuters, "
                       "I will finally make it to work on time every single morning from now on.\n")
    for paragraph in more.split("\n\n"):
        assert paragraph in record.body
    assert "Storm closes" not in record.body and "Great news" not in record.body
    assert ("related list", "Related stories") in record.dropped


@pytest.mark.parametrize("line, kind", [
    ("Listed below are links to weblogs that reference Harbour council approves new ferry timetable:", "footer"),
    ("Jane Roe | 3 Comments | Permalink | Share Article", "footer"),
    ("Related Topics: ferries, harbour council", "footer"),
    ("‹ Storm closes the coast road for a day", "footer"),
    ("Reader Comments (3)", "comments"),
    ("One Response to Harbour council approves new ferry timetable", "comments"),
    ("Liked this post?", "share bar"),
    # the same furniture in the languages of the real pages we measure on
    ("Das könnte Sie auch interessieren!", "related list"),
    ("Verwandte Artikel", "related list"),
    ("Articles liés", "related list"),
    ("Tous nos derniers podcasts", "related list"),
    ("Schreibe einen Kommentar", "comments"),
    ("Du musst angemeldet sein, um einen Kommentar abzugeben.", "comments"),
    ("Vos réactions", "comments"),
    ("We want to hear what you think about this article.", "comments"),
    ("Jetzt teilen!", "share bar"),
    ("Folgen Sie uns:", "share bar"),
    ("Advertising Disclosure", "notice"),
    ("Vos réactions (11)", "comments"),
    ("Subscribe to: Post Comments (Atom)", "footer"),
    ("Inscription à : Publier les commentaires (Atom)", "footer"),
    ("Missing out on the latest news? Enter your email below to receive our stories in your inbox.", "notice"),
    ("Get The Harbour Gazette's Daily Edition by email and never miss our top stories Free Sign Up", "notice"),
    ("Archive – RSS – Impressum – Datenschutz – 2009-2020 by Jane Roe – Powered by Nikola", "footer"),
    ("Impressum | Datenschutz | Kontakt", "footer"),
    ("All content is licensed under a Creative Commons Attribution 4.0 International License.", "footer"),
    ("This post contains affiliate links: we may earn a commission when you buy through them.", "notice"),
    ("Les opinions exprimées dans ce blog n'engagent que leurs auteurs.", "notice"),
])
def test_more_shapes_that_end_an_article(line, kind):
    after = f"{line}\n\nA reader wrote that the ferry was late again this morning, for the third time this week.\n"
    record = text.read(_page(after=after))
    assert "ferry was late" not in record.body
    _check(record, [line], kind)


@pytest.mark.parametrize("line, kind", [
    ("Follow @harbourgazette for breaking news and headlines.", "share bar"),
    ("HIDE CAPTION", "navigation"),
    ("Adjust text size:", "navigation"),
    ("À lire aussi » Les tarifs du ferry augmentent en mai", "related list"),
    # the labels the headline finder reads as a list's (headlineline.LIST_LABEL) are furniture's too
    ("Relacionadas", "related list"),
    ("Leia também", "related list"),
    ("Las más leídas", "related list"),
    ("No user comments yet.", "comments"),
    ("Be the first to express your opinion!", "comments"),
])
def test_furniture_lines_inside_the_text_are_left_out(line, kind):
    record = text.read(f"{HEADLINE}\nBy Jane Roe\n\n{PARAGRAPHS[0]}\n\n{line}\n\n{PARAGRAPHS[1]}\n\n{PARAGRAPHS[2]}\n")
    _check(record, [line], kind)


def test_a_paragraph_about_a_newsletter_is_text_not_a_sign_up_box():
    line = "Readers who subscribe to the print edition get the email newsletter too, the paper said on Monday."
    record = text.read(f"{HEADLINE}\nBy Jane Roe\n\n{PARAGRAPHS[0]}\n\n{line}\n\n{PARAGRAPHS[1]}\n\n{PARAGRAPHS[2]}\n")
    assert line in record.body and PARAGRAPHS[2] in record.body


def test_prose_that_shares_words_with_a_footer_is_text():
    lines = ["The new ferry – powered by hydrogen – goes into service in May, the company said on Monday.",
             "The views expressed by the senator were shared by most of the council, according to the minutes.",
             "The company said its privacy policy and terms of use would change next year, angering users."]
    record = text.read(f"{HEADLINE}\nBy Jane Roe\n\n{ARTICLE}\n\n" + "\n\n".join(lines) + f"\n\n{PARAGRAPHS[2]}\n")
    for line in lines:
        assert line in record.body
    assert PARAGRAPHS[2] in record.body


def test_a_dotted_date_in_a_german_text_is_day_first():
    record = text.read(f"Hafenrat beschließt neuen Fährplan\nJana Roe | 06.11.19\n\n{GERMAN}")
    published = record.published
    assert (published.year, published.month, published.day) == (2019, 11, 6)


AD_LABELS = ["Advertise | AdChoices", "ADVERTISEMENT", "- Anzeige -", "Publicidad", "Pubblicità", "Publicidade",
             "Advertisement - Scroll to continue", "Article continues below advertisement", "Advertise with us",
             "AdChoices"]


@pytest.mark.parametrize("line", AD_LABELS)
def test_an_ad_label_between_paragraphs_is_a_notice_in_text_and_html(line):
    record = text.read(f"{HEADLINE}\nBy Jane Roe\n\n{PARAGRAPHS[0]}\n\n{line}\n\n{PARAGRAPHS[1]}\n\n{PARAGRAPHS[2]}\n")
    _check(record, [line], "notice")
    paragraphs = f"<p>{PARAGRAPHS[0]}</p><p>{line}</p><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p>"
    record = html_reader.read(f"<html><head><title>{HEADLINE}</title></head><body><h1>{HEADLINE}</h1>"
                              f"<article>{paragraphs}<p>{line}</p></article></body></html>")
    _check(record, [line], "notice")


@pytest.mark.parametrize("line", ["Advertising on the ferries will pay for the early boats, the council said.",
                                  "Advertise on the radio, he said.",
                                  "Advertise with care."])
def test_prose_about_advertising_is_text(line):
    record = text.read(f"{HEADLINE}\nBy Jane Roe\n\n{PARAGRAPHS[0]}\n\n{line}\n\n{PARAGRAPHS[1]}\n\n{PARAGRAPHS[2]}\n")
    assert line in record.body
