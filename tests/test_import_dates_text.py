"""Dates written out in a page's text, in shapes real pages print (textdates)."""

from __future__ import annotations

from generator.archive.model import PartialDate
from generator.ingest import datelines, textdates


def _day(written: str) -> tuple[int, int, int | None]:
    date, _ = textdates.find(written)
    return date.year, date.month, date.day


def test_a_two_digit_year_after_an_apostrophe_and_a_month_between_dots():
    assert _day("veröffentlicht am 14 Feb ’20 | Kategorien: Social Media") == (2020, 2, 14)
    assert _day("posted 3 Mar '98") == (1998, 3, 3)
    assert _day("21.dez.2018 às 12h55") == (2018, 12, 21)
    assert textdates.find("the 14 Feb '20 sale") is not None  # a day and a month: a date
    assert textdates.find("Feb ’20") is None  # no day: not a full date in this shape


def test_a_chinese_date_right_after_a_han_character():
    # "本贴由大卫于2005年8月12日16:12:21在〖论坛〗发表": 于 ("on") is a letter, with no word boundary before the year
    assert _day("本贴由大卫于2005年8月12日16:12:21在〖论坛〗发表") == (2005, 8, 12)
    assert textdates.find("编号12005年8月12日") is None  # a longer number is no year


def test_dateparser_s_readings_must_name_the_year_the_line_prints():
    # an archive list's month ("2006年1月") is no day of the year 20; a forum list's "5/23/06" is no 5 June 2023
    assert textdates.search("·2006年1月 (90)", "zh") is None
    found = textdates.search("馨语 09:02:51 5/23/06 (无内容)", "zh", day_first=True)
    assert found is None or found.year == 2006
    assert textdates.search("Posted 3 March 2020 by Jane Roe", "en") == PartialDate(2020, 3, 3)


def test_a_scrape_with_no_date_line_by_its_headline_is_dated_by_a_time_stamped_line():
    from generator.ingest import text

    story = "\n\n".join(
        f"Paragraph {n} of the story says what happened at the harbour and who was there to see it." for n in range(4))
    page = ("Harbour bridge closes for a year\n\n" + story +
            "\n\nHarbour Radio - The harbour podcast - 18.03.2020 13:15 Uhr Autor/in: Jane Roe\n\n"
            "Related: The ferry timetable for 2021\n")
    assert text.read(page).published == PartialDate(2020, 3, 18)


def test_a_long_published_on_line_dates_a_scrape_whose_headline_was_not_found():
    from generator.ingest import text

    # a social network's post: the headline is hard to tell from the author's bio; the date line names itself
    story = "\n\n".join(
        f"Paragraph {n} of the post says what happened at the harbour and who was there to see it." for n in range(4))
    page = ("This website uses cookies to improve service. By using this site, you agree to this use. See our Cookie "
            "Policy\n\ndismiss\n\nSign in\n\nJoin now\n\nI was at a wedding by the harbour at the weekend.\n\n"
            "Published on August 19, 2019August 19, 2019 • 319 Likes • 160 Comments\n\nReport this post\n\n"
            "Jane RoeFollow\n\nHarbour master and writer about ships and boats. Focus: ferries & the sea\n\n"
            "Like319\n\nComment160\n\nShare\n\n" + story + "\n\n© 2020 Example Corporation\n")
    assert text.read(page).published == PartialDate(2019, 8, 19)


def test_a_time_stamp_after_a_middle_dot_and_a_date_with_spaces_after_its_dots():
    # the lines that date a page whose headline was not found: a blog's "17. Januar 2014 · 02:16" above its
    # title, a comment's "18. 05. 2014 22:38"
    lines = ["Startseite", "Impressum", "← Ein älterer Beitrag", "17. Januar 2014 · 02:16", "↓ Zu den Kommentaren"]
    assert textdates.first_stamped(lines, day_first=True) == PartialDate(2014, 1, 17)
    comment = ["Marius", "Schöner Beitrag!", "18. 05. 2014 22:38"]
    assert textdates.first_stamped(comment, day_first=True) == PartialDate(2014, 5, 18)
    assert textdates.first_stamped(["Version 2.1. 2014 · 3 Dateien"], True) is None  # no date, no time stamp


def test_a_machine_date_glued_to_the_author_s_name():
    # a theme that prints the ISO stamp right after the name: "Jane Roe2021-12-14T12:38:19+01:00Dezember 14th, 2021"
    line = "Jane Roe2021-12-14T12:38:19+01:00Dezember 14th, 2021|AKTUELLES, Allgemein|0 Kommentare"
    assert _day(line) == (2021, 12, 14)
    assert textdates.first_stamped(["Startseite", line], day_first=True) == PartialDate(2021, 12, 14)
    assert textdates.find("ISBN 9782021-12-14T") is None  # digits before it: no year


def test_a_whole_page_copy_s_date_line_right_over_its_headline_beats_a_date_further_down():
    from generator.ingest import text

    story = "\n\n".join(
        f"Paragraph {n} of the post says what happened at the harbour and who was there to see it." for n in range(4))
    page = ("Jane Roe\n\nAbout\n\nSubscribe\n\n21 September 2020\n\nHarbours\n\nHarbour bridge closes for a year\n\n"
            "What the closure means for the ferries and the shops.\n\n" + story +
            "\n\n06. Aug 2020 // Tips\n\nMore on bridges and the boats that pass under them\n\n"
            "© 2020 Jane Roe. All rights reserved.\n")
    assert text.read(page).published == PartialDate(2020, 9, 21)


def test_a_month_glued_to_the_name_before_it_and_a_dotted_two_digit_year():
    # a by-line copied without the space between the author and the date: "Jane RoeNovember 6, 2023"
    assert _day("Jane RoeNovember 6, 2023") == (2023, 11, 6)
    assert textdates.find_dotted("Nächste Vorherige 17.11.19", day_first=True)[0] == PartialDate(2019, 11, 17)
    assert textdates.find_dotted("10.26.12 at 4:33 PM", day_first=False)[0] == PartialDate(2012, 10, 26)
    assert textdates.find_dotted("Download HarbourCMS 2.4.10", True) is None  # a version number, not 2 April 2010
    assert textdates.find_dotted("Release 10.12.19.5", True) is None
    assert textdates.find("17.11.19") is None  # only a line that is nothing else is read so (datelines.date_alone)


def test_dateparser_reads_a_line_that_is_nothing_but_a_date():
    # dateparser's search finds nothing in "9/11/13 10:00AM" alone (it does with a name before it)
    assert textdates.search("9/11/13 10:00AM", "en") == PartialDate(2013, 9, 11)
    assert textdates.search("Today 7:30AM", "en") is None


_STORY = "\n\n".join(
    f"Paragraph {n} of the story says what happened at the harbour and who was there to see it." for n in range(4))


def test_a_date_that_leads_the_first_paragraph_or_a_kicker_line_dates_the_scrape():
    from generator.ingest import text

    page = ("Harbour bridge closes for a year\n\n(21. November 2022) The harbour bridge closes on Monday for a year "
            "of repairs, the city said, and the ferries will run every ten minutes while the works last.\n\n"
            + _STORY + "\n\nMore from the harbour\n\nFerry prices 28.09.2022\n")
    assert text.read(page).published == PartialDate(2022, 11, 21)
    kicker = ("Harbour bridge closes for a year\n\nNews | 30.10.2021 Harbours Harbour bridge closes for a year\n\n"
              + _STORY + "\n\nInterview | 01.11.2021 The ferrymen\n")
    assert text.read(kicker).published == PartialDate(2021, 10, 30)


def test_the_headline_in_a_list_of_latest_posts_with_its_date_dates_the_scrape():
    from generator.ingest import text

    page = ("Harbour bridge closes for a year\n\n" + _STORY + "\n\nLatest posts\n\n"
            "Harbour bridge closes for a year 26/10/2018\n\nFerry prices go up 05/10/2018\n")
    assert text.read(page).published == PartialDate(2018, 10, 26)


def test_a_date_alone_under_the_text_dates_the_scrape_unless_it_is_one_of_a_list():
    from generator.ingest import text

    page = "Hafenbrücke wird ein Jahr lang gesperrt\n\n" + _STORY + "\n\nQuelle: Stadt\n\n28. November 2022\n\nZurück\n"
    assert text.read(page).published == PartialDate(2022, 11, 28)
    listed = ["Unterstütze uns!", "RELATED POSTS", "Menschen", "13. Dezember 2022", "Die Fähre fährt wieder",
              "Kultur", "14. November 2022", "Ein Fest am Hafen"]
    assert datelines.date_alone(listed, day_first=True) is None


def test_a_long_kicker_line_a_date_leads_over_the_headline_of_a_whole_page_copy():
    from generator.ingest import text

    page = ("Home\n\nAbout us\n\nTopics\n\nHarbours\n\nSearch\n\nYou are here:\n\nHome\n\nTopics\n\n"
            "News | 30.10.2021 Harbours / Ferries «Harbour bridge closes for a whole year, the city says»\n\n"
            "Jane Roe on what the closure means for the ferries and the shops\n\n" + _STORY +
            "\n\nMore on this topic\n\nInterview | 01.11.2021 «The ferrymen»\n\nShare this page\n")
    assert text.read(page).published == PartialDate(2021, 10, 30)


# (a longer story than _STORY's, over the 80 words of prose after which a line ends the article)
_LONG_STORY = "\n\n".join(
    f"Paragraph {n} of the story says what happened at the harbour and who was there to see it." for n in range(8))


def test_a_post_s_stamp_that_closes_the_text_dates_it_and_not_a_reply_s():
    from generator.ingest import text

    # a forum's post: its stamp names the forum too (too long for a date line), the replies' dates follow
    page = ("港口的故事\n\n" + "\n\n".join(f"第{n}段：港口上发生了什么事情，谁在那里看到了这一切，我们都记得很清楚。" for n in range(4))
            + "\n\n本贴由大卫于2005年8月12日16:12:21在〖港口论坛（在线）〗发表.\n\n郑 重 声 明\n\n"
            "回复一 小虫 22:19:04 8/25/05 (10)\n\n回复二 大卫 20:02:45 9/12/05 (75)\n")
    assert text.read(page).published == PartialDate(2005, 8, 12)


def test_a_stamp_amid_the_text_is_an_embedded_post_s_not_a_date_line():
    lines = ["Paragraph one of the story, long enough to be a sentence of prose.",
             "A post shared by Jane Roe (@jane.roe) on Apr 27, 2020 at 9:48am PDT",
             "The strategy has come under scrutiny both at home and abroad."]
    assert lines[1] not in datelines.date_lines(lines)
    assert lines[1] in datelines.date_lines(lines[:2])  # closing the text, it is the post's own stamp


def test_a_page_that_tells_how_to_cite_it_names_its_day_after_its_headline():
    from generator.ingest import text

    page = ("Harbour bridge closes for a year\n\nby Jane Roe , Harbour News\n\n" + _LONG_STORY +
            "\n\nCitation: Harbour bridge closes for a year (2019, October 22) retrieved 20 January 2020 from "
            "https://example.org/news/2019-10-harbour-bridge.html\n")
    assert text.read(page).published == PartialDate(2019, 10, 22)


def test_the_dates_of_a_related_list_after_the_article_are_not_its_date():
    from generator.ingest import text

    page = ("Harbour bridge closes for a year\n\nJane Roe\n\n" + _LONG_STORY +
            "\n\nYou might also like\n\n06. Aug 2020 // Tips\n\nThe ferry timetable\n\n"
            "18. Feb 2021 // News\n\nA new lighthouse\n")
    assert datelines.after_article(["Story.", "You might also like", "06. Aug 2020 // Tips"], 1) == []
    assert text.read(page).published != PartialDate(2020, 8, 6)


def test_a_headline_printed_twice_is_dated_by_the_line_under_its_first_copy():
    from generator.ingest.furniture import Found

    # a blog's whole page: the post, then a sidebar of the latest posts that names it again above another post
    page = ["My blog", "Menu", "Harbour notes 01/23/2020", "on 23 January 2020 by Jane Roe",
            "Paragraph one of the post says what happened at the harbour and who was there to see it.",
            "Latest posts", "Harbour notes 01/24/2020", "Harbour notes 01/23/2020", "Happy holidays",
            "Harbour notes 09/20/2019"]
    start = 7  # the sidebar's copy
    published, _ = datelines.dates(Found(), page[start + 1:], set(), 2, 2, page, start, "\n".join(page), None)
    assert published == PartialDate(2020, 1, 23)


def test_a_quote_s_source_cited_between_semicolons_is_no_date_line():
    lines = ["Jane Roe; Minister on Stage; Harbour Daily (Barbados); Mar 20, 2005.", "Posted Apr 7, 2009"]
    assert datelines.date_lines(lines) == ["Posted Apr 7, 2009"]


def test_a_chinese_government_notice_copied_as_text_is_dated_by_the_day_it_was_written():
    from generator.ingest import text

    # the disclosure table copied from the page: cells separated by tabs, 成文日期 (written, signed) beside
    # 发布日期 (posted on the site); the html form reads the same table (test_import_html_dates.py)
    story = "\n\n".join(f"第{n}条 港口大桥自二月一日起封闭维修，过往车辆请绕行，市民出行请提前安排时间。" * 2 for n in range(4))
    table = ("发文机关：\t港口市人民政府\t成文日期：\t2022年01月27日\n"
             "标      题：\t港口市人民政府关于大桥维修的通告\n发文字号：\t港政〔2022〕1号\t发布日期：\t2022年01月28日\n\n")
    page = table + "港口市人民政府关于大桥维修的通告\n\n" + story + "\n"
    assert text.read(page).published == PartialDate(2022, 1, 27)
    assert text.read(page.replace("成文日期：\t2022年01月27日", "")).published == PartialDate(2022, 1, 28)


def test_a_long_line_is_read_for_a_date_line_in_linear_time():
    """Scraped text has lines of 100,000 characters (a page's script, a paragraph a date leads)."""
    import time

    lines = ["x" * 200_000, "(21. November 2022) " + "word " * 40_000, "a;b;" + "c" * 200_000]
    start = time.perf_counter()
    datelines.date_lines(lines)
    assert time.perf_counter() - start < 1  # (12 s a line when the citation's fields were tried from every character)


def test_a_by_line_with_a_long_run_of_spaces_is_read_in_linear_time():
    """Scraped text pads a by-line with runs of spaces (a table's columns, a script's indent)."""
    import time

    from generator.ingest.furniture import Found
    from generator.ingest.headerlines import header

    found = Found()
    start = time.perf_counter()
    assert header("By Jane Doe" + " " * 20_000 + "| March 3, 2021", found)
    assert time.perf_counter() - start < 1  # (75 s when the separators were tried from each space of the run)
    assert found.authors == ["Jane Doe"] and found.published == PartialDate(2021, 3, 3)
