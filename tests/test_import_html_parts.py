"""HTML pages: the text's parts that its markup sets apart (a text printed in two parts around a side rail, lines
written in divs beside a paragraph), and what the extractor keeps that is not the text (a pull quote that repeats a
paragraph, a "Related post" label and its links, a bar of sharing and comment controls, a prompt to like the story)."""

from __future__ import annotations

from generator.ingest import html as html_reader
from generator.ingest import text
from tests.helpers import FERRY_ARTICLE, FERRY_HEADLINE, FERRY_PARAGRAPHS, PARAGRAPHS

MORE = [
    "Ferry operators said they would add two boats to the morning crossing, and the council promised to pay "
    "for part of the extra fuel until the bridge opens again.",
    "Residents of the island, who depend on the bridge for their shopping, asked for a shuttle bus to meet every "
    "ferry, and the council said it would look into the request.",
    "The repairs are expected to cost about twelve million, most of it paid by the regional government, which "
    "approved the money last month after a long debate.",
]
LATER = [
    "Engineers will replace both steel supports and repaint the whole bridge, work that was last done more than "
    "thirty years ago, before the road across it was widened.",
    "The harbour master said the ferries could carry about half of the people who now cross the bridge each "
    "morning, and asked employers in town to let people start later.",
    "Shops on the harbour front said they would stay open an hour longer on weekdays, so that people coming off "
    "the last ferry could still buy what they need.",
    "The council will meet again in the spring to hear how the work is going, and said it would publish a report "
    "on the repairs every month until the bridge opens.",
]


def _page(body: str, title: str = "Bridge closes") -> str:
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"


def test_a_text_printed_in_two_parts_around_a_side_rail_is_read_whole():
    """A news site prints the first paragraphs in one box, then a side rail of teasers, then the rest in a box of
    the same class: trafilatura took the longer part only. The rail's teasers stay out (after the text)."""
    rail = ("<div class='module side-rail'><h3>In the News</h3><ul><li><a href='/a'>Storm</a></li>"
            "<li><a href='/b'>Election</a></li></ul><p class='teaser'><a href='/c'>Tides</a></p></div>")
    first = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
    rest = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:] + MORE + LATER + FERRY_PARAGRAPHS)
    page_html = _page(f"<div id='story'><div class='story-body first'><article>{first}</article></div>{rail}"
                      f"<div class='story-body'><article>{rest}</article></div><div class='clear'></div></div>")
    body = html_reader.read(page_html).body
    assert all(p in body for p in PARAGRAPHS + MORE + LATER + FERRY_PARAGRAPHS), body[:300]
    assert body.index(PARAGRAPHS[1]) < body.index(PARAGRAPHS[2])
    assert "In the News" not in body and "Election" not in body
    # a run of captioned pictures of one class (three and more) is no text in parts: nothing moves
    captions = "".join(f"<div class='wp-caption'><img src='/{n}.jpg'><p>{p}</p></div><p>{m}</p>"
                       for n, (p, m) in enumerate(zip(PARAGRAPHS[:3], MORE)))
    body = html_reader.read(_page(f"<div class='entry'>{captions}</div>")).body
    assert body.index(PARAGRAPHS[0]) < body.index(MORE[0]) < body.index(PARAGRAPHS[1]) < body.index(MORE[1])


def test_lines_written_in_divs_beside_a_long_one_are_paragraphs_too():
    """A page pasted into its editor writes each line in a `<div>`, and a box of resources with lines split by
    `<br><br>`: the long first div and the box's sentences became paragraphs, and trafilatura, finding paragraphs
    there, dropped the short lines beside them (a list's lead-in, a closing note)."""
    lines = ["The following schools will be closed on Thursday:", "<b>• North Harbour School</b>",
             "<b>• Island Primary School</b>", "No closing information was available for the bay schools.",
             "Schools closed on Thursday could decide to close on Friday as well. Please check back."]
    intro = " ".join(PARAGRAPHS[:2])  # 40 words and more: a paragraph
    divs = "".join(f"<div>{line}</div>" for line in lines)
    more = ("<div><b>More resources<br></b><br>• <a href='/contacts'>Key contacts</a> | <a href='/power'>Power "
            "updates</a><br><br><span>• Heard about closings, road closures or storm damage? E-mail "
            "news@example.org.</span><br><br><span>• </span><a href='/photos'>Share your photos with our readers</a>"
            "<span>. Use the description field to tell us where you took the picture. </span><a href='/all'>See all "
            "readers' photos here</a><span>.</span><br><br><span>• </span><a href='/tag'>Follow the storm tag</a>"
            "<span> for news of the storm on the coast.</span><br><br><div>• <a href='/storm'>Complete storm "
            "coverage</a><br><br>• <b>More county news:</b></div></div>")
    body = html_reader.read(_page(f"<div><div><div><div>{intro}</div>{divs}{more}</div></div></div>")).body
    assert "The following schools will be closed on Thursday:" in body
    assert "No closing information was available for the bay schools." in body
    assert "Please check back." in body


def test_a_pull_quote_that_repeats_a_paragraph_is_kept_once_as_the_paragraph():
    """A pull quote prints a paragraph of the text again, set apart as a quotation and in other quotation marks:
    the paragraph stays where the text has it, the quotation goes."""
    said = "\u201cWe cannot take risks with the lives of the people who cross this bridge every day,\u201d said the mayor."
    quote = "We cannot take risks with the lives of the people who cross this bridge every day,\" said the mayor."
    paragraphs = [PARAGRAPHS[0], PARAGRAPHS[1], said, *MORE]
    page_html = _page("<article>" + "".join(f"<p>{p}</p>" for p in paragraphs[:2])
                      + f"<blockquote class='pullquote'><p>{quote}</p></blockquote>"
                      + "".join(f"<p>{p}</p>" for p in paragraphs[2:]) + "</article>")
    record = html_reader.read(page_html)
    assert record.body.count("take risks with the lives") == 1
    assert "\n> " not in record.body and said in record.body
    assert any(why.startswith("repeat") for why, _ in record.dropped)
    # a quotation that is the text's own (no paragraph repeats it) stays
    own = _page("<article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
                + f"<blockquote><p>{quote}</p></blockquote>" + "".join(f"<p>{p}</p>" for p in MORE) + "</article>")
    assert "> We cannot take risks" in html_reader.read(own).body


def test_a_related_post_label_and_its_links_after_a_short_post_go():
    """A blog's short post (a quotation and a line) ends in "Related posts:" and two links to older posts."""
    post = ("<p>From <a href='/ann'>Ann Example</a>:</p><blockquote><p>We need not marvel that people fill their "
            "days with noise. After all, silence and slowness lead to reflection.</p></blockquote>")
    for label in ("Related posts", "Related post"):
        page_html = _page(f"<div class='entry'>{post}<p><strong>{label}</strong>:</p>"
                          "<p><a href='/2011/old'>How to neutralise intelligence</a></p>"
                          "<p><a href='/2012/confetti'>Audible confetti</a></p></div>")
        record = html_reader.read(page_html)
        assert "silence and slowness lead to reflection" in record.body
        assert "Related" not in record.body and "confetti" not in record.body, record.body
    # "related posts" inside a sentence is text
    line = "The council's related posts on the harbour board were filled by two members of the opposition."
    assert line in html_reader.read(_page("<article>" + "".join(f"<p>{p}</p>" for p in [*PARAGRAPHS, line])
                                          + "</article>")).body


def test_a_bar_of_share_and_comment_controls_and_a_like_prompt_end_the_text():
    """Under the text a blog network prints "Tweet 0 comments | Add comment | 0 recs |" and "Do you like this
    story?"; a music site "Click like to get the latest news … via Facebook." Not the text, in html and in text."""
    bar = ("<p><a href='https://twitter.com/share'>Tweet</a> 12 comments | <a href='/c'>Add comment</a> | 0 recs |"
           "</p><h3>Do you like this story?</h3>")
    page_html = _page("<article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS + MORE) + bar + "</article>")
    record = html_reader.read(page_html)
    assert all(p in record.body for p in PARAGRAPHS + MORE)
    assert "recs" not in record.body and "like this story" not in record.body
    like = "Click like to get the latest music news, hottest tracks and more via Facebook."
    page_html = _page("<article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS + MORE) + f"<p><em>{like}</em></p>"
                      "</article>")
    assert "Click like" not in html_reader.read(page_html).body
    for after in ("Tweet 0 comments | Add comment | 0 recs |\nDo you like this story?", like):
        record = text.read(f"{FERRY_HEADLINE}\nBy Jane Roe\n\n{FERRY_ARTICLE}\n\n{after}\n")
        assert all(p in record.body for p in FERRY_PARAGRAPHS)
        assert "recs" not in record.body and "like this story" not in record.body and "Click like" not in record.body
    # a sentence about likes and comments is text
    sentence = "Do you like this story? Tell the council, which reads every comment it gets."
    record = text.read(f"{FERRY_HEADLINE}\nBy Jane Roe\n\n{FERRY_ARTICLE}\n\n{sentence}\n")
    assert sentence in record.body


def test_a_line_of_control_words_and_spaces_is_read_for_a_share_bar_in_linear_time():
    """A page pads its controls with runs of spaces (a table's cells, em spaces a scrape keeps): each run was split
    between the two spaces around a bar's optional "|" in every way, for every word of the line."""
    import time

    from generator.ingest.endings import ending

    start = time.perf_counter()
    assert ending(("like" + " \u2003" * 3) * 9 + "the council") is None
    assert time.perf_counter() - start < 1  # (38 s for this line, 7 times more for each word more)
    assert ending("Tweet  \u2003 12 comments \u2003|  Add comment | 0 recs |") == "share bar"


def test_a_heading_or_a_paragraph_between_two_boxes_of_one_class_keeps_its_place():
    """Two boxes of one class with the text's own heading (or a paragraph) written between them are the text in
    sections, not a text around a side rail: joined, the heading went under the whole text."""
    heading = "What the council decided"
    first = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    rest = "".join(f"<p>{p}</p>" for p in MORE + LATER)
    for between in (f"<h2>{heading}</h2>", f"<p>{heading}, after a long debate, was to close it for the winter.</p>"):
        page_html = _page(f"<article><div class='section'>{first}</div>{between}<div class='section'>{rest}</div>"
                          "</article>")
        body = html_reader.read(page_html).body
        assert body.index(PARAGRAPHS[-1]) < body.index(heading) < body.index(MORE[0]), body


def test_boxes_of_many_classes_are_looked_at_for_a_text_in_parts_in_linear_time():
    """A box of 2,000 classes, each another box's after a box between: its paragraphs were walked for each class."""
    import time

    import lxml.html

    from generator.ingest import textparts

    classes = " ".join(f"c{k}" for k in range(2000))
    boxes = "".join(f"<div class='c{k}'><p>short</p></div>" for k in range(2000))
    tree = lxml.html.fromstring(f"<html><body><div><div class='{classes}'>{'<p>short</p>' * 2000}</div><div></div>"
                                f"{boxes}</div></body></html>")
    start = time.perf_counter()
    textparts.join(tree)
    assert time.perf_counter() - start < 1  # (9 s when each pair walked the first box's 2,000 paragraphs)


def test_a_line_that_opens_with_other_post_offices_or_recent_post_election_violence_is_text():
    """"Related post:" is a label; "post" before another word ("post offices", "post-election") is the text's own,
    and a short paragraph or heading so opening ended the text after it."""
    for line in ("Other post offices will close in June.", "Recent post-election violence left 12 dead."):
        after = ["The council will meet again in the spring to hear how the work is going.", *MORE]
        page_html = _page("<article>" + "".join(f"<p>{p}</p>" for p in [*PARAGRAPHS, line, *after]) + "</article>")
        body = html_reader.read(page_html).body
        assert line in body and MORE[-1] in body, body[-300:]
        record = text.read(f"{FERRY_HEADLINE}\nBy Jane Roe\n\n{FERRY_ARTICLE}\n\n{line}\n\n" + "\n\n".join(after) + "\n")
        assert line in record.body and MORE[-1] in record.body


def test_a_footer_or_a_rail_of_teasers_in_a_box_of_the_texts_class_stays_out_of_the_text():
    """Sites reuse class names ("content", "row"): under the text, after an advertisement, a box of its class holds
    the site's note about itself, or teasers of other stories (their paragraphs links). Neither goes on with the
    text: joined to it, they were read as its last paragraphs."""
    text_box = "<div class='content'>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS + MORE + LATER) + "</div>"
    note = "The Harbour Gazette has reported on the island and its people since 1903, and is owned by its readers."
    teasers = ("<h3><a href='/x'>Storm floods the harbour road</a></h3><p><a href='/x'>The harbour road was closed "
               "again on Monday after the third storm of the month flooded it.</a></p><h3><a href='/y'>School plans "
               "a library</a></h3><p><a href='/y'>The island school will build a new library with money left to it "
               "by a former teacher.</a></p>")
    for under in (f"<p>{note}</p><p>Copyright 2024 Harbour Gazette.</p>", teasers):
        page_html = _page(f"<div id='page'>{text_box}<div class='ad'>Advertisement</div>"
                          f"<div class='content'>{under}</div></div>")
        body = html_reader.read(page_html).body
        assert LATER[-1] in body and note not in body and "former teacher" not in body, body[-300:]


def test_a_paragraph_printed_again_after_its_pull_quote_and_itself_is_kept_once():
    """A pull quote above its paragraph, then the page's print copy of the paragraph: the paragraph taking the
    quote's place was not remembered as seen, and its copy stayed."""
    said = "\u201cWe cannot take risks with the lives of the people who cross this bridge every day,\u201d said the mayor."
    quote = "We cannot take risks with the lives of the people who cross this bridge every day,\" said the mayor."
    page_html = _page("<article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
                      + f"<blockquote class='pullquote'><p>{quote}</p></blockquote>"
                      + "".join(f"<p>{p}</p>" for p in [said, *MORE, said]) + "</article>")
    record = html_reader.read(page_html)
    assert record.body.count("take risks with the lives") == 1, record.body
    assert [why for why, _ in record.dropped].count("repeat (a paragraph the page prints twice)") == 2
