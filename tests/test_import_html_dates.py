"""The publication date of an imported HTML page: metadata, the date shown by the headline, the address."""

from __future__ import annotations

import json

from generator.archive.model import PartialDate
from generator.ingest import html as html_reader

TEXT = "".join(
    f"<p>Paragraph {n} of the story says what happened at the harbour and who was there to see it.</p>"
    for n in range(4))
ZH_TEXT = "".join(f"<p>第{n}段：港口大桥将关闭一年进行维修，数千名通勤者将改乘渡轮，商户担心客流减少。</p>" for n in range(4))


def _published(head: str, body: str, lang: str = "en") -> PartialDate | None:
    page = f"<html lang='{lang}'><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"
    return html_reader.read(page).published


def test_a_chinese_date_line_under_the_headline():
    body = ("<div>搜狐首页 &gt; 财经</div><div class='t'>港口大桥将关闭一年</div>"
            "<div>2004年7月16日08:19 [ 黄宇 ]  来源：[ 国际金融报 ]</div>" + ZH_TEXT)
    record_date = _published("<title>港口大桥将关闭一年-搜狐财经</title>", body, lang="zh")
    assert record_date == PartialDate(2004, 7, 16)


def test_the_shown_day_wins_over_a_utc_moment_a_day_off():
    ld = {"@type": "NewsArticle", "headline": "Harbour bridge closes", "datePublished": "2020-02-25T02:25:54Z"}
    head = f'<title>Harbour bridge closes</title><script type="application/ld+json">{json.dumps(ld)}</script>'
    body = "<h1>Harbour bridge closes</h1><p>February 24, 2020</p>" + TEXT
    assert _published(head, body) == PartialDate(2020, 2, 24)
    # with the page's own offset the stated day is the local one: it stays
    ld["datePublished"] = "2020-02-25T02:25:54+01:00"
    head = f'<title>Harbour bridge closes</title><script type="application/ld+json">{json.dumps(ld)}</script>'
    assert _published(head, body) == PartialDate(2020, 2, 25)


def test_a_published_line_beats_the_day_s_date_in_the_header():
    body = ("<h1>Harbour bridge closes for a year</h1><div>May 11, 2022</div><div>Weather: sunny</div>"
            "<div>Published On May 10, 2022 01:52 PM</div>" + TEXT)
    assert _published("<title>Harbour bridge closes for a year</title>", body) == PartialDate(2022, 5, 10)


def test_the_address_dates_an_ambiguous_shown_date():
    head = ('<title>Harbour bridge closes</title>'
            '<link rel="canonical" href="https://news.example.com/local/2020/oct/02/harbour-bridge-closes">')
    body = "<h1>Harbour bridge closes</h1><div>02/10/2020</div>" + TEXT
    assert _published(head, body, lang="") == PartialDate(2020, 10, 2)


def test_a_page_that_prints_only_its_update_day_by_the_headline_is_dated_by_it():
    # what a reader sees as the article's date: the metadata's first publication is not printed anywhere
    ld = {"@type": "NewsArticle", "headline": "Harbour bridge closes", "datePublished": "2016-08-29T21:54:39Z",
          "dateModified": "2020-10-01T13:23:47Z"}
    head = f'<title>Harbour bridge closes</title><script type="application/ld+json">{json.dumps(ld)}</script>'
    body = "<h1>Harbour bridge closes</h1><div>By Jane Roe</div><div>Updated May 06, 2019</div>" + TEXT
    assert _published(head, body) == PartialDate(2019, 5, 6)
    # a page that prints its publication day too keeps it
    body = "<h1>Harbour bridge closes</h1><div>Published August 29, 2016</div><div>Updated May 06, 2019</div>" + TEXT
    assert _published(head, body) == PartialDate(2016, 8, 29)


def test_the_day_printed_by_the_headline_wins_when_the_metadata_calls_it_the_modified_one():
    ld = {"@type": "NewsArticle", "headline": "Harbour bridge closes", "datePublished": "2020-01-03T09:48:24Z",
          "dateModified": "2020-01-06T09:22:36Z"}
    head = f'<title>Harbour bridge closes</title><script type="application/ld+json">{json.dumps(ld)}</script>'
    body = "<div>Monday, 6 January 2020</div><h1>Harbour bridge closes</h1>" + TEXT
    assert _published(head, body) == PartialDate(2020, 1, 6)
    # a printed day the metadata does not name as modified: the metadata's publication day stays
    body = "<div>Tuesday, 7 January 2020</div><h1>Harbour bridge closes</h1>" + TEXT
    assert _published(head, body) == PartialDate(2020, 1, 3)


def test_json_ld_wrapped_in_a_cdata_section_is_read():
    # `<script type="application/ld+json">` holding `<![CDATA[ ... ]]>` (a page written as XHTML): the metadata's
    # publication day, not the later day the page's <meta> tag names
    ld = {"@type": "NewsArticle", "headline": "Harbour bridge closes", "datePublished": "2015-10-15T02:19:15.607Z"}
    head = ('<title>Harbour bridge closes</title>'
            '<meta property="article:published_time" content="2015-12-11T14:28:34Z">'
            f'<script type="application/ld+json">\n  <![CDATA[\n  {json.dumps(ld)}\n  ]]>\n</script>')
    body = "<h1>Harbour bridge closes</h1>" + TEXT
    assert _published(head, body) == PartialDate(2015, 10, 15)


def test_an_update_label_in_its_own_element_makes_the_date_after_it_an_update():
    # "Updated" and the day in two elements: the update the metadata names as modified; the address shows the
    # day the metadata names as the publication, which stays
    ld = {"@type": "NewsArticle", "headline": "Harbour bridge closes", "datePublished": "2017-12-15T08:50:02-05:00",
          "dateModified": "2018-07-24T14:15:58-04:00"}
    head = ('<title>Harbour bridge closes</title><link rel="canonical" href="https://news.example.com/2017/12/15/'
            f'harbour-bridge-closes"><script type="application/ld+json">{json.dumps(ld)}</script>')
    for label in ("Updated", "Last Updated:"):
        body = (f"<h1>Harbour bridge closes</h1><div>By <a>Jane Roe</a></div><span>{label}</span>"
                "<time>Jul 24, 2018, 2:15pm EDT</time>" + TEXT)
        assert _published(head, body) == PartialDate(2017, 12, 15), label



def test_a_page_without_metadata_is_dated_by_its_time_stamped_or_labelled_date_line():
    # old pages with no date a machine reads: the line that stamps the article with a day and a time of day,
    # or names its publication date (htmldate's search of the text finds only the footer's years)
    footer = "<div>Copyright © 2003-2005 港口日报</div>"
    stamped = ("<div>NEWS.EXAMPLE.COM  2003年11月12日16:36　港口日报</div>" + ZH_TEXT + footer)
    assert _published("<title>港口大桥将关闭一年</title>", stamped, lang="zh") == PartialDate(2003, 11, 12)
    labelled = ("<div>作者： 黄宇  来源：港口日报  发布日期： 9/17/2004 5:54:13 AM</div>" + ZH_TEXT + footer)
    assert _published("<title>欢迎访问港口日报</title>", labelled, lang="zh") == PartialDate(2004, 9, 17)


def test_a_placeholder_first_of_january_gives_way_to_the_update_day_the_page_names():
    head = "<title>Easy harbour cake</title>"
    # (the update line is far below the headline, after the ingredients)
    ingredients = "<ul>" + "".join(f"<li>{n} cups of flour</li>" for n in range(16)) + "</ul>"
    body = ("<h1>Easy harbour cake</h1>" + ingredients + "<div class='recipeDate'>Updated June 13, 2019</div>"
            "<meta itemprop='dateCreated' content='01/01/2004'>"
            "<meta itemprop='dateModified' content='06/13/2019'>" + TEXT)
    assert _published(head, body) == PartialDate(2019, 6, 13)


def test_a_forum_member_s_sign_up_day_and_the_forum_s_clock_do_not_date_the_post():
    # a forum thread: the poster's profile ("Registriert: 18.09.2008, 05:56") by the topic's title, the post's
    # own stamp in a by-line, the time the page was served at the foot ("Aktuelle Zeit: 14.10.2020, 12:18")
    body = ("<h2 class='topic-title'><a href='./viewtopic.php?t=1'>Hafenbrücke wird gesperrt</a></h2>"
            "<dl><dd><strong>Beiträge:</strong> 1626</dd><dd><strong>Registriert:</strong> 18.09.2008, 05:56</dd></dl>"
            "<p class='author'>von <strong>r23</strong> » 21.01.2009, 05:42</p>"
            + "".join(f"<p>Absatz {n}: Die Hafenbrücke wird ein Jahr lang gesperrt, sagt die Stadt, und die Fähren "
                      "fahren alle zehn Minuten, solange die Arbeiten dauern.</p>" for n in range(4))
            + "<p class='responsive-center time'>Aktuelle Zeit: 14.10.2020, 12:18</p>")
    assert _published("<title>Hafenbrücke wird gesperrt - Forum</title>", body, lang="de") == PartialDate(2009, 1, 21)


def test_a_bare_date_meta_yields_to_the_day_printed_by_the_headline():
    # a journal's `<meta name="dc.Date">` is its online-first day; the day is the one printed over the
    # headline. A tag that names the publication keeps its day.
    body = "<div>Original Research</div><div>7 April 2020</div><h1>Harbour bridge closes</h1>" + TEXT
    head = '<title>Harbour bridge closes</title><meta name="dc.Date" content="2020-03-03">'
    assert _published(head, body) == PartialDate(2020, 4, 7)
    head = '<title>Harbour bridge closes</title><meta property="article:published_time" content="2020-03-03">'
    assert _published(head, body) == PartialDate(2020, 3, 3)


def test_a_microdata_publication_date_beats_the_day_s_date_in_the_header():
    header = "<div class='header-date'>Monday, June 1, 2020</div>" + "".join(f"<a href='/s{n}'>Section {n}</a>"
                                                                             for n in range(8))
    body = (header + "<h1>Harbour bridge closes</h1><div>By Jane Roe</div>"
            "<span itemprop='datePublished' content='2020-05-28T09:00:00+02:00'>last week</span>" + TEXT)
    assert _published("<title>Harbour bridge closes</title>", body) == PartialDate(2020, 5, 28)


def test_a_utc_moment_is_dated_by_the_local_day_the_page_writes_for_it():
    # the JSON-LD's moment in UTC is the next day; the page's own <meta> writes it with its offset
    ld = {"@type": "NewsArticle", "headline": "Harbour bridge closes", "datePublished": "2020-02-25T02:25:54Z"}
    head = ('<title>Harbour bridge closes</title><meta property="og:updated_time" content="2020-02-24T21:25:54-05:00">'
            f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    assert _published(head, "<h1>Harbour bridge closes</h1>" + TEXT) == PartialDate(2020, 2, 24)
    # another moment with an offset is no help
    head = head.replace("21:25:54-05:00", "20:01:00-05:00")
    assert _published(head, "<h1>Harbour bridge closes</h1>" + TEXT) == PartialDate(2020, 2, 25)


def test_a_chinese_government_notice_is_dated_by_the_day_it_was_written():
    # the info-disclosure table of a government site: 成文日期 (written, signed) and 发布日期 (posted on the site)
    table = ("<table><tr><td>发文机关：</td><td>港口市人民政府</td><td>成文日期：</td><td>2022年01月27日</td></tr>"
             "<tr><td>标 题：</td><td>港口市人民政府关于大桥维修的通告</td><td>发布日期：</td><td>2022年01月28日</td></tr></table>")
    head = '<title>港口市人民政府关于大桥维修的通告</title><meta name="PubDate" content="2022-01-28 00:00:00">'
    body = table + "<h1>港口市人民政府关于大桥维修的通告</h1>" + ZH_TEXT + "<div>2022年1月27日</div>"
    assert _published(head, body, lang="zh") == PartialDate(2022, 1, 27)
    # a page that names only the day it was posted keeps it
    body = body.replace("<td>成文日期：</td><td>2022年01月27日</td>", "")
    assert _published(head, body, lang="zh") == PartialDate(2022, 1, 28)


def test_a_dateline_that_leads_the_first_paragraph_dates_the_page():
    # "Feb. 23, 2015 -- <the story's first words>": a wire dateline in the paragraph under the by-line
    lead = ("Feb. 23, 2015 -- The harbour bridge will close for a year from Monday, the city said, and thousands "
            "of commuters will take the ferry instead.")
    body = "<h1>Harbour bridge closes</h1><div>By Jane Roe</div><p>" + lead + "</p>" + TEXT
    head = '<title>Harbour bridge closes</title><meta name="copyright" content="2010-2015">'
    assert _published(head, body) == PartialDate(2015, 2, 23)


def test_the_first_heading_finds_the_date_line_when_the_title_names_only_the_section():
    # <title> is "site | section", printed nowhere; a menu lists other stories with their days; the article's
    # heading is the element the page calls its headline, its date in parentheses before the first paragraph
    menu = "".join(f"<li><a href='/n{n}'>Other story {n}</a><span class='newsitem-time'>2{n}.11.2022</span></li>"
                   for n in range(9, 3, -1))
    body = (f"<ul class='menu'>{menu}</ul>" + "".join(f"<a href='/s{n}'>Rubrik {n}</a>" for n in range(8))
            + "<div class='article'><div class='itc-headline'>Energiepreiskrise: Entlastungen auf einen Blick</div>"
            "<p><em>Von Jana Beispiel</em></p><p>(21. November 2022) Energieverbraucher erhalten eine Preiserhöhung "
            "nach der nächsten, und die Politik kündigt neue Umlagen an, will aber mit Preisbremsen entlasten.</p>"
            + "".join(f"<p>Absatz {n}: Die Hafenbrücke wird ein Jahr lang gesperrt, sagt die Stadt, und die Fähren "
                      "fahren alle zehn Minuten.</p>" for n in range(4)) + "</div>")
    assert _published("<title>energie.example | Gaspreise</title>", body, lang="de") == PartialDate(2022, 11, 21)


def test_the_page_s_text_is_walked_once_however_many_date_readers_ask(monkeypatch):
    from generator.ingest import pagedates

    walks = []
    walk = pagedates.text_nodes
    monkeypatch.setattr(pagedates, "text_nodes", lambda tree: walks.append(tree) or walk(tree))
    # no date a machine reads: the lines by the headline, a stamped line, a notice's document day and the page's
    # dates written out (its day reads either way) are all asked
    filler = "".join(f"<p>The harbour bridge closes for a year of repairs, the council said ({n}).</p>" for n in range(20))
    body = (f"<h1>Harbour bridge closes</h1>{filler}<p>07/12/2026 14:05</p>"
            "<table><tr><td>成文日期：</td><td>2026年07月12日</td></tr></table>")
    page = f"<html lang='en'><head><title>Harbour bridge closes</title></head><body>{body}</body></html>"
    assert html_reader.read(page).published == PartialDate(2026, 7, 12)
    assert len(walks) == 1
