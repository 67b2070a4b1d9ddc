"""Where a whole-page copy (Ctrl+A) starts: its headline, not the site's name, a skip link, a cookie notice,
the standfirst or the photo caption under the headline. Small pages of our own in the shapes real copies have."""

from __future__ import annotations

from generator.ingest import text
from tests.helpers import FERRY_ARTICLE as ARTICLE
from tests.helpers import FERRY_HEADLINE as HEADLINE
from tests.helpers import FERRY_PARAGRAPHS as PARAGRAPHS

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



def test_a_year_glued_to_what_follows_it_on_a_copied_page_still_reads():
    for line, day in [("3 de mayo de 202221:25 La Gaceta", (2022, 5, 3)),
                      ("28. Juni 201914. Januar 2020 | Jane Roe", (2019, 6, 28)),
                      ("Published on August 19, 2019August 19, 2019 • 319 Likes", (2019, 8, 19))]:
        record = text.read(f"{HEADLINE}\n{line}\n\n{ARTICLE}\n")
        assert (record.published.year, record.published.month, record.published.day) == day, line


def test_a_date_line_inside_the_text_or_above_the_headline_when_none_is_under_it():
    inside = f"{MENU}{HEADLINE}\nBy Jane Roe\n\n{PARAGRAPHS[0]}\n\nWritten on April 29, 2018\n\n{PARAGRAPHS[1]}\n\n" \
             f"{PARAGRAPHS[2]}\n\n© 2024 Harbour Gazette\n"
    assert text.read(inside).published.day == 29
    above = f"Harbour Gazette\n{MENU}Veröffentlicht am 13. März 2019 von Jane Roe\nNews\n{HEADLINE}\n\n{ARTICLE}\n"
    record = text.read(above)
    assert record.title == HEADLINE
    assert (record.published.year, record.published.month, record.published.day) == (2019, 3, 13)


def test_a_last_revised_line_is_the_update_not_the_publication():
    record = text.read(f"{HEADLINE}\nVeröffentlicht am 13. März 2019\nzuletzt überarbeitet am 29. Mai 2019\n\n{ARTICLE}\n")
    assert (record.published.month, record.published.day) == (3, 13)
    assert (record.updated.month, record.updated.day) == (5, 29)


def test_a_comment_sections_heading_is_not_the_headline():
    # a short post (a podcast's notes) under a longer comment thread: the thread's heading repeats the headline
    comments = "\n\n".join(f"Reader {n} on July {n}, 2019 at 16:25\n\nI listened to it twice and I still think the "
                           "ferry episode was the best one you have made so far. Thanks for all the work you put into "
                           "it, and for the notes on the island's history." for n in (22, 23, 24))
    page = (f"{MENU}Episode 82: the ferry timetable\nPosted on 21. Juli 2019 by Jane Roe\n\n"
            "We talk about the new ferry timetable. Running time 82 minutes.\n\n"
            f"3 Responses to Episode 82: the ferry timetable\n\n{comments}\n")
    record = text.read(page)
    assert record.title == "Episode 82: the ferry timetable"


def test_a_page_that_is_one_list_keeps_the_list_as_its_text():
    # links to other stories, long enough to start a text, none a sentence: nothing else is on the page
    points = [f"Story {n}: the harbour council, the ferry company and the island's fishermen argue again about "
              f"the timetable, the fares and the quotas for the coming season" for n in range(1, 5)]
    record = text.read("The week in review\n\n" + "\n\n".join(points) + "\n")
    assert record.title == "The week in review"
    assert all(point in record.body for point in points)


def test_a_by_line_or_comment_count_glued_to_the_headline_leaves_the_title():
    for glued in [" by: Jane Roe", " by Jane Roe @janeroe | Harbour Gazette", " comments ()",
                  " posted March 2, 2021 at 9:12 am"]:
        record = text.read(f"{HEADLINE}{glued}\n\n{ARTICLE}\n")
        assert record.title == HEADLINE, glued
    # "by" in a headline is part of it
    assert text.read(f"Ferry hit by a storm\n\n{ARTICLE}\n").title == "Ferry hit by a storm"


def test_a_sites_name_above_a_menu_is_not_the_headline_even_when_it_shares_words_with_the_text():
    page = (f"Harbour Ferry Council News\n{MENU}Timetables\nTickets\nContact\nAbout us\nArchive\nEvents\n"
            f"Ferry council timetable approved\nBy Jane Roe\n\n{ARTICLE}\n")
    assert text.read(page).title == "Ferry council timetable approved"


def test_a_two_word_headline_over_its_by_line_is_not_taken_for_a_section_label():
    for byline in ("October 25th, 2012 by Jane Roe", "March 3, 2021 by Jane Roe in News, Island life"):
        record = text.read(f"{MENU}Ferry Timetable\n{byline}\n\n{ARTICLE}\n")
        assert record.title == "Ferry Timetable", byline
        _body_kept(record)


def test_the_line_under_a_blogs_links_to_the_posts_around_it_is_the_headline():
    # the blog's name shares words with the post; a sidebar of other posts' titles stands above the links
    sidebar = "Recent Posts\nNew ferry timetable starts in March\nCouncil votes on harbour fees\nArchives\nMarch 2021\n"
    headline = "The ferry timetable is out. Time to plan your crossings."
    for links in ("« Council votes on harbour fees | Main | Island life in winter »",
                  "« Council votes on harbour fees | Main",
                  "« Council votes on harbour fees | Blog Home | Island life in winter »"):
        record = text.read(f"Ferry Timetable Blog\nAbout\n{sidebar}{links}\nMarch 3, 2021\n{headline}\n\n{ARTICLE}\n")
        assert record.title == headline, links
        _body_kept(record)


def test_a_headline_line_with_a_path_before_it_or_a_by_line_after_it_gives_the_headline_the_page_shows_alone():
    shared = f"Share this story\n{HEADLINE}\nFacebook Twitter Email\n"
    for line in (f"Home / Island News / {HEADLINE}", f"Local News {HEADLINE}",
                 f"{HEADLINE} posted March 3, 2021 9:00 AM", f"{HEADLINE} «Harbour Gazette»"):
        record = text.read(f"{line}\nBy Jane Roe\n\n{ARTICLE}\n\n{shared}")
        assert record.title == HEADLINE, line
    # a headline that starts with another line of the page, or ends with one after a word of its own, stays whole
    for headline, other in (("Harbour council approves new ferry timetable in fresh twist",
                             "Harbour council approves new ferry timetable"),
                            (f"The {HEADLINE}", HEADLINE)):
        record = text.read(f"{headline}\nBy Jane Roe\n\n{ARTICLE}\n\nShare this story\n{other}\n")
        assert record.title == headline


def test_a_posts_tags_over_its_date_line_are_not_its_headline():
    tags = "harbour council ferry timetable weekdays crossings"
    record = text.read(f"Gull Point Weekly\nTop Stories\n{tags}\nNov 12, 2012 3:00 PM\nShare\nFacebook\nTwitter\n"
                       f"{HEADLINE}\nJane Roe\nView Profile\n\n{ARTICLE}\n")
    assert record.title == HEADLINE
    _body_kept(record)
    # a headline in lower case with words of a sentence stays a headline
    headline = "creditshelf kooperiert mit finleap und plant eine Übernahme"
    assert text.read(f"{MENU}{headline}\nBy Jane Roe\n\n{ARTICLE}\n").title == headline


def test_the_line_under_a_breadcrumb_is_the_headline_rather_than_a_line_nearer_the_text():
    headline = "Islanders get their early ferry crossings at last"
    under = "Council members approved the new ferry timetable with early crossings on weekdays"
    for crumb in ("Home > Island News", "Island News → Ferries → Timetables", "Latest News → Ferries"):
        record = text.read(f"{MENU}{crumb}\n{headline}\nJane Roe\nShare this:\n{under}\n\n{ARTICLE}\n")
        assert record.title == headline, crumb


def test_a_page_that_prints_a_day_above_12_first_reads_its_other_numeric_dates_day_first():
    record = text.read(f"{HEADLINE}\nPublished 06/02/2022 - 13:48\n\n{ARTICLE}\n\nMore news\n13/02/2022\n"
                       "Ferry fares rise in spring\n")
    assert (record.published.year, record.published.month, record.published.day) == (2022, 2, 6)
    record = text.read(f"{HEADLINE}\nPublished 06/02/2022 - 13:48\n\n{ARTICLE}\n")  # nothing says: month first
    assert (record.published.month, record.published.day) == (6, 2)


def test_a_by_line_with_its_day_far_down_the_page_dates_it_rather_than_the_copyright_year():
    related = "Related stories\nFerry fares rise in spring\nNew pier opens on the island\nHarbour fees explained\n"
    record = text.read(f"{HEADLINE}\n\n{ARTICLE}\n\n{related}Share\nFacebook\nTwitter\nAbout the author\nJane Roe\n"
                       "Jane Roe writes about the island's transport and its harbour for the Gazette.\n"
                       "Written by Jane Roe, PhD on April 29, 2018\nCopyright 2005-2024 Harbour Gazette\n")
    assert (record.published.year, record.published.month, record.published.day) == (2018, 4, 29)


def test_a_posts_category_line_comment_count_or_reprint_offer_is_not_its_headline():
    for line in ("Posted in: Ferry timetable news | comments |", "Comments: 0 || Add Yours to the ferry timetable debate"):
        record = text.read(f"{MENU}{line}\n{HEADLINE}\n\n{ARTICLE}\n")
        assert record.title == HEADLINE, line
        _body_kept(record)
    headline = "Islanders get their early boat at last"
    record = text.read(f"{MENU}See a sample reprint in PDF format. Order a reprint of this article now\nISLAND\n"
                       f"October 28, 2012, 10:35 p.m. ET\n{headline}\nArticle\nComments\nBy JANE ROE\n{ARTICLE}\n")
    assert record.title == headline


def test_a_by_line_in_lower_case_under_the_headline_of_a_browser_copy_is_not_glued_to_it():
    record = text.read(f"{MENU}{HEADLINE}\nferries! | By Jane Roe | April 13, 2020\n\n{ARTICLE}\n")
    assert record.title == HEADLINE
    assert (record.published.year, record.published.month, record.published.day) == (2020, 4, 13)


def test_the_date_line_under_a_teaser_of_the_same_story_higher_on_the_page_dates_it():
    # the header repeats the story (its headline and date line) above a menu; the article below has no date line
    teaser = f"Top story\n{HEADLINE}\nPublicado:\nMiércoles, 4 de Mayo de 2022 a las 07:46hrs.\n"
    others = "".join(f"Ferry fares rise in spring, part {n}\n{n}0 comments\n" for n in range(1, 8))
    record = text.read(f"{MENU}{teaser}{others}{MENU}{HEADLINE}\n\n{ARTICLE}\n")
    assert record.title == HEADLINE
    assert (record.published.year, record.published.month, record.published.day) == (2022, 5, 4)


def test_a_date_labelled_as_such_in_the_pages_footer_dates_the_article():
    record = text.read(f"{HEADLINE}\n\n{ARTICLE}\n\nTags\nferries, harbour\nHarbour Gazette\nAuthor Jane Roe\n"
                       "Date 6. Dezember 2022\nImpressum\n© 2022 Harbour Gazette\n")
    assert (record.published.year, record.published.month, record.published.day) == (2022, 12, 6)


def test_a_blogs_name_over_the_posts_date_is_not_the_headline():
    record = text.read(f"Gull Point Weekly\nSunday, May 8, 2016\n{HEADLINE}\n{ARTICLE}\n")
    assert record.title == HEADLINE
    assert (record.published.year, record.published.month, record.published.day) == (2016, 5, 8)


def test_a_menus_item_that_speaks_of_the_text_is_not_its_headline():
    # "Ferry Timetable" sits between other menu items; the headline shares few words with the text
    menu = "Menu\nFerry Timetable\nIsland Life and Weather\nSport\nDonate\nSearch\nSign up to Newsletters\n"
    record = text.read(f"{menu}Gull Point\nIslanders get their early boat at last\n\n{ARTICLE}\n")
    assert record.title == "Islanders get their early boat at last"


def test_a_notice_about_the_readers_browser_is_not_the_start_of_the_text():
    notice = "You are using an older browser version. Please use a supported version for the best experience."
    menu = "Health & Fitness\nFood & Drink\nCars\nTravel\nnews\n"
    record = text.read(f"{menu}{notice}\nPrevious Next\n{HEADLINE}\nThe Gazette 02/10/2020 Jane Roe\n\n{ARTICLE}\n")
    assert record.title == HEADLINE
    _body_kept(record)


def test_a_list_of_tags_or_a_menu_in_capitals_on_one_line_is_not_the_headline():
    for line in ("Ferry, Timetable, Harbour Council, Crossings, Top-Thema", "FERRY TIMETABLE COUNCIL CROSSINGS WEEKDAYS"):
        record = text.read(f"{MENU}{HEADLINE}\nJane Roe\nShare\nFacebook\nTwitter\nEmail\n{line}\n\n{ARTICLE}\n")
        assert record.title == HEADLINE, line
    # a headline with a list in it stays one
    headline = "The Harbour Council's Long, Wet, Cold, Windy Day"
    assert text.read(f"{MENU}{headline}\nBy Jane Roe\n\n{ARTICLE}\n").title == headline


def test_a_headline_that_ends_with_an_abbreviation_and_not_a_caption_with_its_credit():
    headline = "Ferry timetable approved in Port Gull, Wash."
    record = text.read(f"{MENU}Home> Island\n{headline}\nGULL POINT, Wash. July 24, 2012 (AP)\n\n{ARTICLE}\n")
    assert record.title == headline
    for caption in ("The morning ferry leaves the harbour at dawn Getty Images",
                    "The morning ferry leaves the harbour at dawn. Picture: Harbour Gazette"):
        record = text.read(f"{MENU}{HEADLINE}\nCouncil votes nine to four\nJane Roe\nFriday 25 December 2015\n"
                           f"0 comments\n{caption}\n{ARTICLE}\n")
        assert record.title == HEADLINE, caption


def test_a_chinese_date_line_labelled_time_anywhere_on_the_page_rather_than_the_copyright_year():
    zh_menu = "".join(f"栏目{n}\n" for n in range(20))
    paragraphs = "\n".join(f"第{n}段：港口大桥将关闭一年进行维修，数千名通勤者将改乘渡轮，商户担心客流减少。" for n in range(6))
    page = f"时间：2004年10月21日14:18      作者：王明\n{zh_menu}港口大桥将关闭一年\n{paragraphs}\n版权所有 © 2006 港口日报\n"
    record = text.read(page)
    assert (record.published.year, record.published.month, record.published.day) == (2004, 10, 21)


def test_a_date_line_right_above_the_headline_beats_a_date_inside_the_text():
    page = (f"{MENU}Pressemitteilung | Harbour Gazette\n12.12.2022 12:22\n{HEADLINE}\n{ARTICLE}\n"
            f"Fares from 10.08.2022:\n{PARAGRAPHS[1]}\n")
    record = text.read(page)
    assert record.title == HEADLINE
    assert (record.published.year, record.published.month, record.published.day) == (2022, 12, 12)


def test_a_kicker_ending_with_a_colon_on_its_own_line_over_the_headline_is_part_of_the_title():
    # Some news sites print "Kicker:" and the headline on two lines; their title reads "Kicker: Headline".
    kicker, headline = "Dance at the old engine depot:", "Soaked to the skin"
    whole_page = f"{MENU}{kicker}\n{headline}\n{ARTICLE}\nJane Roe\n"
    from_the_headline = f"{kicker}\n{headline}\n{ARTICLE}\n"
    for page in (whole_page, from_the_headline):
        record = text.read(page)
        assert record.title == f"{kicker} {headline}"
        assert kicker not in record.body and headline not in record.body
        _body_kept(record)


def test_a_short_label_ending_with_a_colon_over_the_headline_stays_out_of_the_title():
    for label in ("Share:", "Adjust text size:", "Read more:"):
        record = text.read(f"{MENU}{label}\n{HEADLINE}\nBy Jane Roe\n\n{ARTICLE}\n")
        assert record.title == HEADLINE, label
        _body_kept(record)
