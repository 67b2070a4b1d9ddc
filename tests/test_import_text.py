"""`archive import` of scraped text: the seed's fields, and the same rules on other outlets' scrapes."""

from __future__ import annotations

import datetime as dt
import re

from generator.ingest import sniff, text
from generator.load import content
from generator.render.markdown import new_renderer
from tests.helpers import REPO

SEED = REPO / "seeds" / "000_ac22febed8974b90.txt"
SEED_ARTICLE = "content/2020/pentagon-report-says-russia-working-with-the-taliban-others-to-expedite-us.md"


def _load(root):
    articles, problems = content.load(root, ".", dt.timezone.utc)
    assert problems == []
    return articles


def test_the_seed_imports_with_every_field_the_issue_names(cli, tmp_path):
    ran = cli("import", SEED, "--root", tmp_path)
    assert ran.code == 0, ran.err
    assert "Imported 1, unchanged 0, kept 0, skipped 0, failed 0" in ran.out
    [seed] = _load(tmp_path)
    assert seed.file == SEED_ARTICLE
    assert seed.title == ("Pentagon report says Russia working with the Taliban, others to expedite "
                          "US withdrawal from Afghanistan")
    assert (seed.published.precision, seed.published.year) == ("year", 2020)  # from the copyright line
    assert seed.dateline == "(CNN)"
    assert [(s.name, s.url) for s in seed.sources] == [("CNN", None)]
    assert seed.flags == ("archived",)
    assert seed.authors == ()  # "(Photo by THOMAS WATKINS / AFP)" is a photographer's credit
    assert seed.image.credit == "THOMAS WATKINS/AFP/Getty Images"
    assert seed.image.caption.startswith("In this photo taken on June 6, 2019")
    assert seed.image.caption.endswith("by Thomas WATKINS")
    assert seed.rights == (
        "™ & © 2020 Cable News Network, Inc., a WarnerMedia Company. All rights reserved.",
        "Trademark and Copyright 2021 Cable News Network, Inc., a Time Warner Company. All rights reserved.",
    )
    assert seed.body.startswith("Russia has been actively working")
    assert re.findall(r"^## (.+)$", seed.body, re.M) == [
        "Pompeo defends handling of Russia bounty intelligence",
        "Report says Taliban violence has increased",
    ]
    for cruft in ("Most Popular", "Latest News", "More News", "archived article", "(CNN)", "Photo credit",
                  "Cable News Network"):
        assert cruft not in seed.body
    assert seed.provenance["importer"] == "text"
    assert seed.provenance["file"] == str(SEED.relative_to(REPO)) or seed.provenance["file"] == str(SEED)


def test_the_bundled_seed_article_is_the_importers_output(cli, tmp_path):
    """content/'s seed article is produced by the importer: importing the seed again changes nothing."""
    assert cli("import", SEED, "--root", tmp_path).code == 0
    ours = (tmp_path / SEED_ARTICLE).read_text(encoding="utf-8")
    bundled = (REPO / SEED_ARTICLE).read_text(encoding="utf-8")
    strip = lambda t: re.sub(r"^  (file|output_sha256): .*\n", "", t, flags=re.M)  # noqa: E731
    assert strip(ours) == strip(bundled)
    [article] = _load(REPO)
    assert article.provenance["importer"] == "text"
    assert article.provenance["file"] == "seeds/000_ac22febed8974b90.txt"


def test_the_imported_seed_builds_with_banner_credit_and_source(cli, tmp_path):
    assert cli("import", SEED, "--root", tmp_path).code == 0
    ran = cli("build", "--root", tmp_path)
    assert ran.code == 0, ran.err
    page = (tmp_path / "site/2020/pentagon-report-says-russia-working-with-the-taliban-others-to-expedite-us"
            / "index.html").read_text()
    assert "banner-archived" in page
    assert "Credit: THOMAS WATKINS/AFP/Getty Images" in page
    assert '<a href="../../sources/cnn/index.html">CNN</a>' in page
    assert '<p><span class="dateline">(CNN)</span> — Russia has been' in page


OTHER_OUTLET = """\
Flood barriers fail as river reaches record height in river city

Share this article
Facebook | Twitter | Email

By Maria Lopez and Daniel O'Brien, The Riverside Courier
Published March 14, 2019 | Updated March 15, 2019

Residents wade through a flooded street on Thursday. Juan Perez/Reuters

MERIDIAN, Idaho — Emergency crews worked through the night on Thursday after temporary flood barriers gave way along the eastern bank of the river, sending water into dozens of homes.

The river crested at 6.2 metres shortly after midnight, according to the county's emergency management office, the highest level recorded since measurements began in 1921.

What residents were told

Officials said warnings had been issued two days in advance, but several residents told reporters they had received no notice before water reached their doors.

"We had maybe twenty minutes," said Ellen Marsh, who lives two streets from the river. "We carried what we could upstairs and waited."

Related Stories

Town council approves new budget after long debate
Local team wins regional championship in overtime
Weather service warns of more rain next week

© 2019 The Riverside Courier. All rights reserved.
"""


def test_the_rules_hold_for_another_outlets_scrape():
    record = text.read(OTHER_OUTLET)
    assert record.title == "Flood barriers fail as river reaches record height in river city"
    assert record.authors == ("Maria Lopez", "Daniel O'Brien")
    assert [s.name for s in record.sources] == ["The Riverside Courier"]
    assert (record.published.year, record.published.month, record.published.day) == (2019, 3, 14)
    assert (record.updated.year, record.updated.month, record.updated.day) == (2019, 3, 15)
    assert record.image.credit == "Juan Perez/Reuters"
    assert record.image.caption == "Residents wade through a flooded street on Thursday."
    assert record.dateline == "MERIDIAN, Idaho"
    assert record.body.startswith("Emergency crews worked through the night")
    assert "## What residents were told" in record.body
    assert record.rights == ("© 2019 The Riverside Courier. All rights reserved.",)
    for cruft in ("Share this", "Facebook", "Related Stories", "Town council", "Weather service", "By Maria"):
        assert cruft not in record.body
    assert record.flags == ()


def test_agency_datelines_and_date_only_lines():
    record = text.read(
        "Central bank holds rates steady\n\nJuly 1, 2020\n\n"
        "WASHINGTON (Reuters) - The central bank left its main interest rate unchanged on Wednesday, "
        "citing continued uncertainty about the pace of the recovery and the labour market.\n\n"
        "Policymakers voted unanimously for the decision, the bank said in a statement released after the meeting.\n"
    )
    assert record.dateline == "WASHINGTON (Reuters)"
    assert [s.name for s in record.sources] == ["Reuters"]
    assert (record.published.year, record.published.month, record.published.day) == (2020, 7, 1)
    assert record.body.startswith("The central bank left")


def test_scraped_text_becomes_markdown_that_holds_no_html():
    record = text.read(
        "Title line\n\nA paragraph that mentions <script>alert(1)</script> and <img src=x onerror=alert(2)> "
        "as text, because scraped text is untrusted and may hold anything at all.\n\n"
        "# Not a heading but a sentence that starts with a hash mark in the scraped text.\n"
    )
    from generator.render.markdown import new_renderer, render

    html = str(render(new_renderer(), record.body))
    assert "<script" not in html and "<img" not in html and "onerror" not in html.replace("onerror=alert", "")
    assert "&lt;script&gt;" in html
    assert "<h1" not in html


def test_latin1_bom_and_cjk_text_are_decoded():
    title = "Überschwemmung in Köln: Pegel steigt"
    para = "Die Stadt Köln meldet einen Pegelstand von über neun Metern; Anwohner räumen Keller. " * 3
    assert text.read(sniff.decode(f"{title}\n\n{para}\n".encode("latin-1"))).title == title
    assert text.read(sniff.decode(f"{title}\n\n{para}\n".encode("utf-8-sig"))).title == title
    cjk_title = "东京奥运会推迟至明年举行"
    cjk_para = "国际奥委会周二宣布，原定于今年夏天举行的东京奥运会将推迟至明年举行。这是现代奥运史上首次因疫情推迟。"
    record = text.read(sniff.decode(f"{cjk_title}\n\n{cjk_para * 2}\n".encode("utf-8")))
    assert record.title == cjk_title and cjk_para in record.body
    gbk = sniff.decode(f"{cjk_title}\n\n{cjk_para * 4}\n".encode("gb18030"))
    assert gbk.startswith(cjk_title)


def test_local_station_scrape_with_posted_and_updated_line():
    record = text.read(
        "Aldermen approve new budget after marathon session\n\n"
        "by: Jane Doe, Metro Media Wire\n\n"
        "Posted: Jun 3, 2020 / 10:12 AM CDT / Updated: Jun 4, 2020 / 08:30 AM CDT\n\n"
        "FILE - In this Oct. 3, 2019, file photo, City Hall is seen at night. (AP Photo/Evan Vucci, File)\n\n"
        "CHICAGO (WGN) — The City Council approved the budget on Wednesday after a session that lasted "
        "more than twelve hours, with several aldermen voting against it.\n\n"
        "The budget includes money for new police officers and for repairs to the water pipes, officials said.\n\n"
        "Copyright 2020 Example Media Inc. All rights reserved. This material may not be published, broadcast, "
        "rewritten, or redistributed.\n\n"
        "Trending Stories\n\nMan arrested after chase on the expressway\nWeather: storms expected tonight\n"
    )
    assert record.authors == ("Jane Doe",)
    assert (record.published.month, record.published.day, record.updated.day) == (6, 3, 4)
    assert record.image.credit == "AP Photo/Evan Vucci, File"
    assert record.image.caption.startswith("FILE - In this Oct. 3, 2019")
    assert record.dateline == "CHICAGO (WGN)" and [s.name for s in record.sources] == ["WGN"]
    assert record.body.startswith("The City Council approved")
    assert "Man arrested" not in record.body and "Trending" not in record.body
    assert record.rights[0].startswith("Copyright 2020 Example Media Inc.")


def test_an_agency_dateline_without_a_dash_and_video_player_lines():
    record = text.read(
        "Report says ministers were warned early\n\nBy Ann Example and Bo Larsen, CNN\n\n"
        "Updated 5:34 PM ET, Wed July 1, 2020\n\nJUST WATCHED\n\nReplay\n\nMore Videos ...\n\n"
        "(CNN)Ministers were warned about the risk months before the decision, according to a report "
        "released on Wednesday by a parliamentary committee.\n\n"
        "The committee said the warnings had not been passed on to the officials who needed them.\n"
    )
    assert record.authors == ("Ann Example", "Bo Larsen")
    assert record.dateline == "(CNN)" and [s.name for s in record.sources] == ["CNN"]
    assert (record.published.year, record.published.month, record.published.day) == (2020, 7, 1)
    assert record.body.startswith("Ministers were warned")
    assert "Replay" not in record.body and "WATCHED" not in record.body


def test_a_standfirst_and_promotions_above_the_by_line_are_not_the_body():
    record = text.read(
        "Supported by\n\nTown keeps its last grocery store\n\n"
        "When the only supermarket for 30 miles announced it would close, residents decided to buy it themselves.\n\n"
        "As a subscriber, you have 10 gift articles to give each month. Anyone can read what you share.\n\n"
        "Par Claire Dubois\n\n"
        "Publié le 18 juillet 2022 à 06h30, mis à jour le 19 juillet 2022 à 11h02\n\nLecture 3 min.\n\n"
        "For almost sixty years, the Main Street Market was where this town of 900 people bought its bread and milk.\n\n"
        "Within a week, a group of residents had formed a cooperative and sold shares to 400 households.\n"
    )
    assert record.title == "Town keeps its last grocery store"
    assert record.authors == ("Claire Dubois",)
    assert (record.published.day, record.updated.day) == (18, 19)
    assert record.summary.startswith("When the only supermarket")
    assert record.body.startswith("For almost sixty years")
    assert "subscriber" not in record.body and "Lecture" not in record.body


def test_a_credits_line_ends_the_article():
    record = text.read(
        "Factory output falls again\n\nLONDON (Reuters) - British factory output fell for a third month in a row "
        "in November as high energy prices weighed on manufacturers, a survey showed.\n\n"
        "Manufacturers said they had cut staff for the second month running.\n\n"
        "Reporting by David Milliken; Editing by Toby Chopra\n\n"
        "Our Standards: The Trust Principles.\n"
    )
    assert record.authors == ("David Milliken",)  # the editor is not an author
    assert record.body.rstrip().endswith("second month running.")


def test_promotions_contributor_notes_and_a_title_case_place_before_the_agency():
    record = text.read(
        "Zur Merkliste hinzufügen\nLeader says new law will not affect freedoms\n\n"
        "By Helen Regan and Eric Cheung, CNN\n\nUpdated 4:42 AM ET, Tue June 30, 2020\n\n"
        "Chat with us in Facebook Messenger. Find out what's happening in the world as it unfolds.\n\n"
        "Hong Kong (CNN)Hong Kong's leader said on Tuesday that a new law would not undermine the city's "
        "freedoms, hours after it was passed.\n\n"
        "The law has been criticised by rights groups and foreign governments.\n\n___\n\n"
        "Associated Press writer Kevin Freking contributed to this report.\n"
    )
    assert record.title == "Leader says new law will not affect freedoms"
    assert record.dateline == "Hong Kong (CNN)"
    assert record.body.startswith("Hong Kong's leader said")
    assert "Messenger" not in record.body and "contributed" not in record.body and "___" not in record.body


def test_the_outlets_name_after_the_title_is_cut():
    record = text.read("Senate passes veterans bill - CNNPolitics\n\nBy Ann Example, CNN\n\n"
                       "WASHINGTON (CNN) — The Senate passed a bill on Tuesday that would expand care for veterans.\n")
    assert record.title == "Senate passes veterans bill"


def test_a_form_s_title_label_is_not_part_of_the_title():
    """A notice copied from a government site's form prints its title as a field: "标 题： <title>"."""
    body = "The council closed the bridge on Monday for repairs that will take a month, its engineers said.\n"
    for line, title in (("标 题： 关于桥梁维修的通知", "关于桥梁维修的通知"), ("Title: Bridge closed", "Bridge closed"),
                        ("Titel: Bayern zum elften Mal Meister", "Titel: Bayern zum elften Mal Meister"),  # a championship
                        ("Title: ", "Title:")):  # a label with nothing after it stays as it is
        assert text.read(f"{line}\n\n{body}").title == title


def test_header_lines_with_a_place_or_a_reading_time():
    for header_line, author in (("Written by Asha Rao | New Delhi | Updated: March 5, 2021 12:30:15 pm", "Asha Rao"),
                                ("By Asha Rao · Mar 5, 2021, 3:01 PM · 3 min read", "Asha Rao")):
        record = text.read("Stocks rally as inflation cools\n\n" + header_line + "\n\n"
                           "Stocks rallied on Monday after data showed inflation cooling faster than economists "
                           "had expected, traders said.\n\nThe benchmark index rose two per cent.\n")
        assert record.authors == (author,)
        assert (record.published.year, record.published.month, record.published.day) == (2021, 3, 5)
        assert record.body.startswith("Stocks rallied")


def test_breadcrumbs_and_day_first_dates_outside_english():
    record = text.read(
        "Accueil > Régions > Bretagne\nUn phare breton ouvert au public\n\n"
        "Par Yann Le Gall - Publié le 02/07/2021 à 08:00\n\n"
        "Pour la première fois depuis sa construction, le phare de l'île ouvre ses portes au public cet été, "
        "après des années de travaux.\n\nLes visites se feront uniquement sur réservation auprès de l'office.\n"
    )
    assert record.title == "Un phare breton ouvert au public"
    assert record.authors == ("Yann Le Gall",)
    assert (record.published.month, record.published.day) == (7, 2)  # 2 July, not 7 February
    assert record.body.startswith("Pour la première fois")
    english = text.read("Title here\n\nPosted 04/06/2021\n\nThe council met on Tuesday and agreed the plan "
                        "after a long debate about its cost and its timing.\n")
    assert (english.published.month, english.published.day) == (4, 6)


def test_dates_written_in_many_ways():
    from generator.ingest import textdates

    cases = {
        "Updated 3:01 PM ET, Wed July 1, 2020": (2020, 7, 1), "2021/03/05": (2021, 3, 5),
        "2021.03.05 12:30": (2021, 3, 5), "05-03-2021": (2021, 3, 5), "31.12.2019 - 09:15 Uhr": (2019, 12, 31),
        "March 5th, 2021": (2021, 3, 5), "Sept. 5, 2021": (2021, 9, 5), "5 de marzo de 2021": (2021, 3, 5),
        "Tuesday 5 March 2021": (2021, 3, 5), "3 juin 2020": (2020, 6, 3), "5. März 2021": (2021, 3, 5),
        "2020年3月24日": (2020, 3, 24), "4/6/2021": (2021, 4, 6), "13/5/2021": (2021, 5, 13),
    }
    for written, (year, month, day) in cases.items():
        date, _ = textdates.find(written)
        assert (date.year, date.month, date.day) == (year, month, day), written
    assert textdates.find("4/6/2021", day_first=True)[0].month == 6
    assert textdates.find("in the 1990s, about 400 people") is None


def test_a_date_in_an_unknown_line_above_the_body_is_still_found():
    record = text.read("Council approves budget\n\nPosted in Politics on June 3, 2020\n\n"
                       "The council approved the budget on Wednesday after a session that lasted twelve hours.\n")
    assert (record.published.year, record.published.month, record.published.day) == (2020, 6, 3)


def test_a_section_label_above_the_headline_is_not_the_title():
    story = "The council approved the budget on Wednesday after a session that lasted twelve hours.\n"
    assert text.read("Politics\n\nCouncil approves budget after long session\n\n" + story).title == \
        "Council approves budget after long session"
    assert text.read("Brexit\n\n" + story).title == "Brexit"  # a short title followed by prose stays


def test_a_headline_with_a_video_label_over_its_by_line_is_the_title():
    """"Video: <headline>" over its by-line is the headline; "Read more: <headline>" over another line stays a link."""
    body = ("The council voted on Tuesday to close the harbour bridge for a year of repairs, the longest closure since "
            "it opened in 1932.\n\nFerries will run every ten minutes during the morning and evening rush hours.\n")
    labelled = text.read(f"VIDEO: Voting on the harbour bridge's future\nBy Ann Example.\n\n{body}")
    assert labelled.title == "VIDEO: Voting on the harbour bridge's future"
    teaser = text.read(f"Read more: Ferry fares rise in May\nHarbour bridge to close for a year\n\n{body}")
    assert teaser.title == "Harbour bridge to close for a year"


def test_a_line_that_starts_with_a_number_and_a_dot_reads_as_written():
    # what a reader sees: the line as written, no list and no backslash ("\1. …" when the escape went before the digit)
    lines = ["1. Ich glaube, heute möchte ich mal nicht einnicken.", "12) Pommes esse ich am liebsten mit den Fingern."]
    record = text.read("Harbour bridge to close for a year\n\nThe council closed the bridge on Monday for repairs "
                       "that will take a month, its engineers said.\n\n" + "\n\n".join(lines) + "\n")
    shown = new_renderer().html(record.body)
    assert all(f"<p>{line}</p>" in shown for line in lines) and "\\" not in shown and "<ol" not in shown
