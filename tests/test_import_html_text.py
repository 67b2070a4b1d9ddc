"""HTML pages: what of a page's markup becomes text (source comments, hidden boxes, loose divs, nested lists)
and which lines over the text are the post's data, not its text."""

from __future__ import annotations

import lxml.html

from generator.ingest import extracted, pagetree
from generator.ingest import html as html_reader
from generator.render.markdown import new_renderer
from tests.helpers import PARAGRAPHS


def test_a_comment_in_the_source_is_no_text():
    """A template comments out a by-line inside the headline (`<!-- p class="author">By …</p> -->`): trafilatura
    keeps the comment, and its words are no text, in a heading, a paragraph or loose text."""
    text = "".join(f"<p>{p} <!-- ad slot --></p>" for p in PARAGRAPHS)
    page_html = ("<html><head><title>Bridge closes</title></head><body><div class='post'><h2><a href='/bridge'>"
                 "Bridge closes</a> <!-- p class=\"post-info-author\">By Ann Example</p> --></h2>"
                 f"<div class='entry'>{text}</div></div></body></html>")
    body = html_reader.read(page_html).body
    assert all(p[:40] in body for p in PARAGRAPHS)
    assert "post-info-author" not in body and "Ann Example" not in body and "ad slot" not in body


def test_a_post_data_line_that_ends_in_its_tags_is_left_out():
    """A blog prints "Published: <date> | Tags: …" (or "<author> | Tags: …") over the post: not its text."""
    for meta in ("Published: November 1st, 2012 | Tags: <a href='/t/a'>Harbour</a>, <a href='/t/b'>Council</a>",
                 "Ann Example | Tags: <a href='/t/a'>Harbour</a>, <a href='/t/b'>Council</a>"):
        text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        page_html = ("<html><head><title>Bridge closes</title></head><body><div class='post'><h2>Bridge closes</h2>"
                     f"<p class='post-info'>{meta}</p><div class='entry'>{text}</div></div></body></html>")
        body = html_reader.read(page_html).body
        assert body.startswith(PARAGRAPHS[0][:40]), body[:200]
    prose = "The council said | Tags: were not part of the plan, and the vote was close."  # not at the top: text
    assert not html_reader._is_post_meta(prose)


def test_what_the_page_does_not_show_is_left_out():
    """A slideshow's hidden slides repeat their title under every one (`style="display:none"`), a press
    release waits behind a button (`hidden`): the reader sees neither; a hidden box that holds most of the
    page's text is the text all the same (a script shows it)."""
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    slides = "".join(f"<div style='float:left; display: none'>From the campaign trail {n}</div>" for n in range(20))
    release = "<div hidden><p>" + "The company announces record results for the quarter today. " * 5 + "</p></div>"
    page_html = ("<html><head><title>Bridge closes</title></head><body><article><h1>Bridge closes</h1>"
                 f"{text}{slides}{release}</article></body></html>")
    body = html_reader.read(page_html).body
    assert all(p[:40] in body for p in PARAGRAPHS)
    assert "campaign trail" not in body and "record results" not in body
    hidden_text = ("<html><head><title>Bridge closes</title></head><body><article><h1>Bridge closes</h1>"
                   f"<div style='display:none'>{text}</div><p>Share this</p></article></body></html>")
    assert PARAGRAPHS[0][:40] in html_reader.read(hidden_text).body
    # ... written in lines, not paragraphs (no more prose hidden than shown): it holds most of the text
    lines = "<br><br>".join(PARAGRAPHS)
    hidden_lines = ("<html><head><title>Bridge closes</title></head><body><article><h1>Bridge closes</h1>"
                    f"<div style='display:none'>{lines}</div><p>Share this</p></article></body></html>")
    assert PARAGRAPHS[0][:40] in html_reader.read(hidden_lines).body


def test_a_post_written_straight_into_its_div_keeps_its_first_words():
    """A blog writes its post straight into `<div class="entry-body">` with a link in it: trafilatura kept only
    the words after the link. A short loose line in a div (a date line in a layout table's cell) is no paragraph
    for that."""
    post = ("Experimental philosophers nicely fit the description for this <a href='https://example.org/jobs'>"
            "position</a> in the Centre for Knowledge Integration, and I'm told that such applications would be of "
            "interest. The department has a robust cognitive science programme, several researchers working in "
            "the field, and a welcoming department.")
    notes = "".join(f"<p>{p}</p>" for p in PARAGRAPHS * 3)  # paragraphs enough in the page: divs are not read
    page_html = ("<html><head><title>Faculty position</title></head><body><div class='entry'><h3>Faculty position</h3>"
                 f"<div class='entry-content'><div class='entry-body'>\n  {post}\n</div>{notes}</div></div></body></html>")
    body = html_reader.read(page_html).body
    assert "Experimental philosophers nicely fit the description for this [position]" in body
    # a layout table's cells become divs: a short one (the site's date line over the text) stays out
    cells = ("<tr><td><strong>Bridge closes</strong></td></tr><tr><td>HARBOUR.EXAMPLE.COM&nbsp;&nbsp;12 November 2003 "
             "16:36 Harbour News</td></tr><tr><td>" + "<br><br>".join(PARAGRAPHS) + "</td></tr>")
    body = html_reader.read(f"<html><head><title>Bridge closes</title></head><body><table>{cells}</table></body></html>").body
    assert body.startswith(PARAGRAPHS[0][:40]), body[:100]


def test_a_nested_list_is_written_under_its_item_once():
    """trafilatura nests a list in its item: the item's line holds its own words, the inner list's items follow
    it, indented (they were also run into the item's line, every word twice)."""
    xml = ("<doc><main><list rend='ul'><item>Wanted two things:<list rend='ol'><item>Handle outages.</item>"
           "<item>Scale <hi rend='#b'>writes</hi>.</item></list>and more.</item><item>Keep it simple.</item></list>"
           "</main></doc>")
    assert extracted.to_markdown(xml) == ("- Wanted two things: and more.\n   1. Handle outages.\n   2. Scale **writes**.\n"
                                          "- Keep it simple.")


def test_words_on_either_side_of_a_link_or_bold_stay_apart():
    """The space between two inline elements, or at the edge of one, is kept: "**Other mishaps:** ABC",
    "[*Black Ops 2*](…) is" (trafilatura drops a tail that is only a space; the Markdown trimmed the edges)."""
    inner = ("<p><strong>Other mishaps: </strong><a href='https://example.org/abc'>ABC had a brief blackout</a>, and "
             "the trailer for <a href='https://example.org/game'><em>Black Ops 2</em> </a>is nothing if not fun. "
             "It ran in various <a href='https://example.org/w'>ways</a> <a href='https://example.org/r'>recently</a>."
             "</p>")
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page_html = ("<html><head><title>Bridge closes</title></head><body><article><h1>Bridge closes</h1>"
                 f"{text}{inner}</article></body></html>")
    body = html_reader.read(page_html).body
    assert "**Other mishaps:** [ABC had a brief blackout](https://example.org/abc), and" in body
    assert "[*Black Ops 2*](https://example.org/game) is nothing" in body
    assert "[ways](https://example.org/w) [recently](https://example.org/r)." in body


def test_a_text_the_page_shows_a_part_at_a_time_is_kept():
    """A listicle hides all its items but the first (`display: none`) for a script to show one at a time: more
    paragraphs of prose hidden than shown, so the hidden ones are the text."""
    intro = f"<p>{PARAGRAPHS[0]}</p>"
    items = "".join(f"<div class='section' style='display: none;'><h2>{n}. Item number {n}</h2><p>{p}</p></div>"
                    for n, p in enumerate(PARAGRAPHS[1:], 1))
    page_html = ("<html><head><title>Bridge closes</title></head><body><article><h1>Bridge closes</h1>"
                 f"{intro}{items}</article></body></html>")
    body = html_reader.read(page_html).body
    assert all(p[:40] in body for p in PARAGRAPHS)


def test_a_long_line_is_read_for_a_tag_line_in_linear_time():
    import time

    start = time.perf_counter()
    assert html_reader._TAGGED.match("Ann" + " " * 200_000 + "Example") is None
    assert not html_reader._is_post_meta("Ann | Tags: x" * 20_000 + "\n- an item")
    assert time.perf_counter() - start < 1  # (20 s and more when each space of a run, or each bar, was tried)


def test_a_paragraph_that_starts_with_a_number_and_a_dot_reads_as_written():
    # "1. …" would start a list: the escape goes before the dot; before the digit a reader saw "\1. …"
    xml = ("<doc><main><p>1. Ich glaube, heute möchte ich mal nicht einnicken.</p>"
           "<p>2) Pommes esse ich am liebsten mit den Fingern.</p></main></doc>")
    body = extracted.to_markdown(xml)
    assert body.split("\n\n") == ["1\\. Ich glaube, heute möchte ich mal nicht einnicken.",
                                  "2\\) Pommes esse ich am liebsten mit den Fingern."]
    shown = new_renderer().html(body)
    assert "<p>1. Ich glaube" in shown and "<p>2) Pommes" in shown and "\\" not in shown and "<ol" not in shown
    assert html_reader._escape_markdown("3. Kaffee") == "3\\. Kaffee"


def test_a_list_item_that_starts_with_a_number_or_a_mark_reads_as_written():
    """A bullet "1. Preheat the oven" is one item, not an ordered list inside a bullet; "# 1" not a heading."""
    xml = ("<doc><main><list rend='ul'><item>1. Preheat the oven.</item><item># 1 seed wins the final.</item>"
           "</list></main></doc>")
    shown = new_renderer().html(extracted.to_markdown(xml))
    assert shown.count("<li>") == 2 and "<ol" not in shown and "<h1" not in shown
    assert "<li>1. Preheat the oven.</li>" in shown and "<li># 1 seed wins the final.</li>" in shown


def test_a_paragraph_broken_with_double_breaks_keeps_its_order():
    """`<p>first<br><br>second <a>link</a> more<br><br>third</p>`: the runs became paragraphs inside the `<p>`, and
    trafilatura, reading a paragraph in a paragraph, put the words after the link last or left them out."""
    runs = ["Wednesday is a monumental day for the harbour authority and the tenants of the north quay houses.",
            "For the first time, tenants <a href='https://example.org/vote'>will begin to vote</a> on what they want "
            "the future of their homes to look like. Over the next month they choose between three models.",
            "One is to remain as traditional public housing, another is private management under a new programme, "
            "and a third is to join a trust that can issue bonds to fund repairs."]
    page_html = ("<html><head><title>Tenants vote</title></head><body><article><h1>Tenants vote</h1>"
                 f"<p><br>{'<br><br>'.join(runs)}</p>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) +
                 "</article></body></html>")
    blocks = html_reader.read(page_html).body.split("\n\n")
    assert blocks[:3] == [runs[0], "For the first time, tenants [will begin to vote](https://example.org/vote) on what "
                          "they want the future of their homes to look like. Over the next month they choose between "
                          "three models.", runs[2]], blocks[:4]


def test_a_run_of_text_written_loose_beside_paragraphs_is_a_paragraph():
    """A quotation's first paragraph written straight into `<blockquote>` before its `<p>`s, and a paragraph written
    between two `<p>`s without one of its own: trafilatura left both out. A short loose line stays as it was."""
    first = ("Creating a harbour tug is cheap. Buying one is even cheaper since old hulls are on the open market "
             "for sale to the highest bidder, and if the buyer is willing to invest time rather than money, a tug "
             "may in fact be free of charge, but that is a topic for another time.")
    between = ("Between the quoted paragraphs the author wrote one more without a tag of its own, long enough to be "
               "read as prose by anyone who looks at the page, and it ends as a sentence ends, with a full stop "
               "after the last word of the final clause.")
    page_html = ("<html><head><title>Tugs</title></head><body><article><h1>Tugs</h1>"
                 f"<p>{PARAGRAPHS[0]}</p><blockquote>{first}<p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p></blockquote>"
                 f"<div><p>{PARAGRAPHS[0]}</p>{between}<p>{PARAGRAPHS[1]}</p>Posted in Harbours<p>{PARAGRAPHS[2]}</p>"
                 "</div></article></body></html>")
    body = html_reader.read(page_html).body
    assert f"> {first}" in body
    assert f"\n\n{between}\n\n" in body
    assert "\n\nPosted in Harbours\n\n" not in body


def test_a_paragraph_after_a_picture_box_keeps_its_words_before_its_links():
    """A blog writes its post straight into its box, `<br><br>` between paragraphs, the first one after a box with the
    picture: trafilatura kept only the words after each link of that paragraph, each its own block."""
    first = ("The harbour company wants to make it clear: it will allow no more delays of any kind on "
             "<a href='https://example.org/bridge'><em>the bridge</em></a>. Its director and the city engineer say that "
             "<a href='https://example.org/fines'>every late contractor will be fined for each day</a> from both the "
             "council and the port authority.")
    page_html = ("<html><head><title>Bridge works</title></head><body><div class='post'><h1>Bridge works</h1>"
                 "<div class='post-body'><div style='text-align: center'><a href='https://example.org/p.jpg'>"
                 f"<img src='https://example.org/p.jpg' alt='The bridge'></a></div>{first}<br><br>"
                 + "<br><br>".join(PARAGRAPHS) + "</div>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS * 3)
                 + "</div></body></html>")  # paragraphs enough in the page: trafilatura reads a div's own text apart
    body = html_reader.read(page_html).body
    assert body.startswith("The harbour company wants to make it clear: it will allow no more delays of any kind on "
                           "[*the bridge*](https://example.org/bridge). Its director"), body[:300]


def test_a_post_loose_in_its_box_keeps_the_divs_beside_the_paragraph_it_gains():
    """A post written loose into its box with a link in it, its later paragraphs each in a `<div>`: the loose run
    becomes a paragraph, and so do those divs (trafilatura, finding a paragraph in the box, reads only those)."""
    run = ("In 2003 the harbour's last ferry captain retired, the same year the old pier was closed, and a year later "
           "<a href='https://example.org/pier'>the pier was sold</a> to a developer. Not even a decade later the "
           "town elected a harbour master again, and the ferries are back on the water every morning.")
    later = ["Sometimes I look at the bridge and think nothing will ever change, and yet the town has changed.",
             "This is not the town I thought it was, and the <a href='https://example.org/f'>ferry</a> proves it."]
    page_html = ("<html><head><title>Ferries</title></head><body><div class='post'><h1>Ferries</h1>"
                 f"<div class='content'>{run}<div><br></div>" + "".join(f"<div>{p}</div>" for p in later)
                 + "</div>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS * 3) + "</div></body></html>")
    body = html_reader.read(page_html).body
    assert "In 2003 the harbour's last ferry captain retired" in body
    assert later[0] in body and "This is not the town I thought it was" in body


def test_a_paragraph_set_apart_with_double_breaks_beside_a_heading_is_kept():
    """A blog's post typed into its box, `<br><br>` between paragraphs, its first paragraph after the date heading
    inside the same run: the run holds a block, so it became a box, and trafilatura left its sentences out."""
    first = "In 2004 the harbour launched its ferry, a boat designed to make it easy for people to cross the bay."
    page_html = ("<html><head><title>Ferry update</title></head><body><div class='post'><h3>Ferry update</h3>"
                 f"<div class='post-body'><h2 class='date-header'>Friday, September 02, 2011</h2>\n{first}\n<br><br>"
                 + "<br><br>".join(PARAGRAPHS) + "</div></div></body></html>")
    body = html_reader.read(page_html).body
    assert first in body


def _prepared(body_html: str):
    tree = lxml.html.fromstring(f"<html><head><title>T</title></head><body>{body_html}</body></html>")
    pagetree.prepare(tree)
    return tree


def test_a_run_whose_inline_element_holds_paragraphs_is_no_paragraph():
    """A site's text in a `<span>` that holds its `<p>`s, beside a paragraph of the box: a `<p>` around that run would
    put paragraphs in a paragraph, which trafilatura reads out of order or not at all."""
    inner = "".join(f"<p>{p} <a href='https://example.org/{i}'>More</a>.</p>" for i, p in enumerate(PARAGRAPHS))
    tree = _prepared(f"<div class='article'><p>{PARAGRAPHS[0]}</p><span id='text'>{inner}</span> The end.</div>")
    assert not tree.xpath("//p//p | //p//div")
    # the words before such an element are still a paragraph of their own
    tree = _prepared(f"<div><p>{PARAGRAPHS[0]}</p><span>{PARAGRAPHS[1]}</span> {PARAGRAPHS[3]} And so on:<br>"
                     f"<span><div>{PARAGRAPHS[2]}</div></span></div>")
    assert [(e.tag, e.text_content().strip()[-8:]) for e in tree.find("body/div")] == [
        ("p", PARAGRAPHS[0][-8:]), ("p", "and so on:"[-8:]), ("span", PARAGRAPHS[2][-8:])]
    page_html = (f"<html><head><title>Ferries</title></head><body><div class='article'><h1>Ferries</h1>"
                 f"<p>{PARAGRAPHS[2]}</p><span id='text'><!-- text -->{inner}</span></div></body></html>")
    body = html_reader.read(page_html).body
    assert all(p in body for p in PARAGRAPHS), body


def test_the_blank_between_two_blocks_in_a_run_set_apart_is_no_sentence():
    """A run between two `<br><br>` that holds blocks: only runs of words that end as a sentence ends become
    paragraphs, not the blanks between its blocks, and then its divs of text stay divs."""
    tree = _prepared(f"<div>{PARAGRAPHS[0]}<br><br><h2>Friday</h2> <div>A line in a div</div> <br><br>"
                     f"{PARAGRAPHS[1]}</div>")
    assert not [p for p in tree.iter("p") if not p.text_content().strip()]
    assert [div.text for div in tree.iter("div")][-1] == "A line in a div"


def test_a_div_of_text_with_a_comment_in_it_is_a_paragraph_too():
    """A post written loose into its box gains a paragraph; its later paragraph in a `<div>` that holds a source
    comment (an ad slot's marker) is one too: a comment is no block."""
    run = ("In 2003 the harbour's last ferry captain retired, the same year the old pier was closed, and a year later "
           "<a href='https://example.org/pier'>the pier was sold</a> to a developer. Not even a decade later the "
           "town elected a harbour master again, and the ferries are back on the water every morning.")
    later = "Sometimes I look at the bridge and think nothing <!-- ad slot --> will ever change, and yet it has."
    tree = _prepared(f"<div class='content'>{run}<div>{later}</div></div>")
    assert [element.tag for element in tree.find("body/div")] == ["p", "p"]


def test_a_box_inside_a_paragraph_or_code_gains_no_paragraph():
    """A box the page put inside a `<p>` (through an inline element) or inside `<pre>`: a run of it put in a `<p>`
    would be a paragraph in a paragraph, or in code."""
    run = f"{PARAGRAPHS[0]} {PARAGRAPHS[1]}"
    tree = _prepared(f"<p>Intro <span><div>{run}<p>{PARAGRAPHS[2]}</p></div></span> end.</p>"
                     f"<pre><div>{run}<p>{PARAGRAPHS[3]}</p></div></pre>")
    assert [div.text.strip() for div in tree.iter("div")] == [run, run]


def test_a_wikis_links_to_edit_a_section_are_left_out():
    """MediaWiki prints "[edit]" ("[编辑]") beside each heading: a control of the wiki, not a word of the article."""
    edit = ("<span class='mw-editsection'><span class='mw-editsection-bracket'>[</span><a href='/w/index.php?title=T"
            "&action=edit&section={0}'>edit</a><span class='mw-editsection-bracket'>]</span></span>")
    page_html = ("<html><head><title>Harbour bridge</title></head><body><div id='mw-content-text'>"
                 f"<p>{PARAGRAPHS[0]}</p><h2><span class='mw-headline'>History</span>{edit.format(1)}</h2>"
                 f"<p>{PARAGRAPHS[1]}</p><h2><span class='mw-headline'>Repairs</span>{edit.format(2)}</h2>"
                 f"<p>{PARAGRAPHS[2]}</p></div></body></html>")
    body = html_reader.read(page_html).body
    assert "## History\n" in body and "## Repairs\n" in body and "edit" not in body, body


def test_a_sites_blurb_loose_in_the_font_that_wraps_the_whole_page_after_the_text_is_no_paragraph():
    """Old pages wrap the whole page in a `<font>`, footer and all: a run loose in it after the text's last paragraph
    (a whole sentence) is the site's, not a paragraph; one between the paragraphs, or over them, is."""
    blurb = ("The Valley Courier has been published every morning since 1898 and is delivered to forty thousand homes "
             "in the valley; our reporters cover the county council, the courts, the schools and the sports clubs of "
             "every town from the river to the hills.")
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = (f"<html><head><title>Bridge</title></head><body><font face='arial'><a href='/'>Home</a> | "
            f"<a href='/news'>News</a><h1>Bridge</h1>{paragraphs}<hr>{blurb}</font></body></html>")
    body = html_reader.read(page).body
    assert all(p in body for p in PARAGRAPHS) and "Valley Courier" not in body, body
    tree = _prepared(f"<font face='arial'><p>{PARAGRAPHS[0]}</p><hr>{blurb}<p>{PARAGRAPHS[1]}</p></font>")
    assert [p.text_content()[:10] for p in tree.iter("p")] == [PARAGRAPHS[0][:10], blurb[:10], PARAGRAPHS[1][:10]]
