"""HTML pages whose text has no box of its own: written straight into `<body>` (a hand-written page), or read flat
(a page nested deeper than the parser builds): its headings stay, the site's banner does not come in. And what the
Markdown printed as it was not meant: markup written as text in code, emphasis written in two, a space before a link."""

from __future__ import annotations

from generator.ingest import deepnesting
from generator.ingest import html as html_reader
from tests.helpers import PARAGRAPHS

BANNER = ("The Harbour Gazette brings you the news of the town and the island every morning, with the tides, the "
          "ferry times and the weather for the week ahead.")


def _page(body: str) -> str:
    return f"<html><head><title>Bridge closes</title></head><body>{body}</body></html>"


def test_a_text_written_straight_into_the_body_keeps_its_headings():
    """trafilatura, finding no box, gathered the loose paragraphs and left out every heading."""
    body = (f"<h1>Bridge closes</h1><p>{PARAGRAPHS[0]}</p><h2>What the engineers found</h2><p>{PARAGRAPHS[1]}</p>"
            f"<!-- a note of the page's author --><p>{PARAGRAPHS[2]}</p><h3>Ferries</h3><ul><li>Two more boats</li>"
            "<li>An earlier crossing</li></ul>")
    record = html_reader.read(_page('<div class="menu"><a href="/">Home</a> <a href="/news">News</a></div>' + body))
    assert record.body.strip().split("\n\n") == [PARAGRAPHS[0], "## What the engineers found", PARAGRAPHS[1], PARAGRAPHS[2],
                                         "### Ferries", "- Two more boats\n- An earlier crossing"]


def test_a_page_with_a_box_for_its_text_or_no_prose_in_its_body_is_read_as_before():
    boxed = _page(f"<h2>Other news</h2><p>{PARAGRAPHS[3]}</p><article><h1>Bridge closes</h1><p>{PARAGRAPHS[0]}</p>"
                  f"<h2>What the engineers found</h2><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p></article>")
    tree = html_reader._parse(boxed)[0]
    from generator.ingest import pagebody

    pagebody.wrap(tree)
    assert not tree.xpath("//main")
    short = html_reader._parse(_page("<h2>Links</h2><p>Home</p><p>News</p>"))[0]
    pagebody.wrap(short)
    assert not short.xpath("//main")
    # a site's welcome in the body over its posts in plain boxes: the posts are the text
    welcome = _page(f"<h1>The harbour blog</h1><p>{BANNER}</p><div><div><h2>Bridge closes</h2>"
                    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:4]) + "</div></div>")
    tree = html_reader._parse(welcome)[0]
    pagebody.wrap(tree)
    assert not tree.xpath("//main")
    assert all(p in html_reader.read(welcome).body for p in PARAGRAPHS[:4])


def test_a_page_read_flat_leaves_out_the_sites_banner_not_the_articles_header():
    """A `<header>` outside the article, main or a section is the page's banner: trafilatura reads the text's box
    and leaves it out; the flat page has no box, and kept it."""
    deep = "<div>" * 300 + "</div>" * 300
    page = (f"<html><head><title>Bridge closes</title></head><body><header><div>{BANNER}</div><nav>Home</nav>"
            f"</header>{deep}<div><article><header><h1>Bridge closes</h1><p>{PARAGRAPHS[3]}</p></header>"
            f"<p>{PARAGRAPHS[0]}</p><h2>What the engineers found</h2><p>{PARAGRAPHS[1]}</p>"
            f"<p>{PARAGRAPHS[2]}</p></article></div></body></html>")
    assert "Harbour Gazette" not in deepnesting.flat(page)
    record = html_reader.read(page)
    assert record.warnings[0].startswith("is nested deeper than 256 levels")
    assert record.body.strip().split("\n\n") == [PARAGRAPHS[3], PARAGRAPHS[0], "## What the engineers found", PARAGRAPHS[1],
                                         PARAGRAPHS[2]]


def test_markup_in_code_is_printed_as_written_and_in_the_text_stays_literal():
    """`<tag` is escaped so that nothing is read as raw HTML; in a code block or span it never is, and the backslash
    was printed: readers saw `\\<div id="x">\\</div>` in a code sample."""
    from generator.render.markdown import new_renderer, render

    body = (f"<article><h1>Bridge closes</h1><p>{PARAGRAPHS[0]}</p><p>Write <code>&lt;b&gt;bold&lt;/b&gt;</code> for "
            "bold, and never &lt;script&gt; in a comment.</p><pre><code>&lt;div id=\"x\"&gt;&lt;/div&gt;\n</code></pre>"
            f"<p>{PARAGRAPHS[1]} A `tick` and &lt;i&gt; here.</p><p>{PARAGRAPHS[2]}</p></article>")
    record = html_reader.read(_page(body))
    assert "Write `<b>bold</b>` for bold, and never \\<script\\> in a comment." in record.body
    assert '```\n<div id="x"></div>\n```' in record.body and "A \\`tick\\` and \\<i\\> here." in record.body
    rendered = str(render(new_renderer(), record.body))
    assert "<code>&lt;b&gt;bold&lt;/b&gt;</code>" in rendered and "&lt;script&gt;" in rendered
    assert '<code>&lt;div id="x"&gt;&lt;/div&gt;\n</code>' in rendered and "\\" not in rendered


def test_emphasis_written_in_two_is_one_and_the_space_before_a_link_stays():
    """`<em>b</em><em>y Your Name</em>` was written `*b**y Your Name*` (its asterisks printed), and the space between
    `</em>` and `<a><em>HBO Go</em></a>` was lost (`on**HBO Go*`). Emphasis over two lines stays two; code keeps its
    spaces as they are."""
    body = (f"<article><h1>Films</h1><p>{PARAGRAPHS[0]}</p><p><em>It is streaming on</em> <a href='https://a.example/'>"
            "<span><em>Harbour TV</em></span></a> <em>and</em> <span><a href='https://b.example/'><em>Ferry Play"
            "</em></a></span>.</p><h3>7) <a href='https://c.example/'><em>Call Me</em> <em>b</em><em>y Your Name</em>"
            f"</a></h3><p>{PARAGRAPHS[1]} <em>One line</em><em><br>and the next.</em></p>"
            "<pre><code><span>12</span> <span><span>│</span> t</span></code></pre>"
            f"<p>{PARAGRAPHS[2]}</p></article>")
    record = html_reader.read(_page(body))
    assert "*It is streaming on* " in record.body and "*and* [*Ferry Play*](https://b.example/)." in record.body
    assert "### 7) [*Call Me* *by Your Name*](https://c.example/)" in record.body
    assert "*One line*" in record.body and "```\n12 │ t\n```" in record.body


def test_a_text_in_the_body_ends_before_a_footers_headings_and_a_marked_box_elsewhere_wins():
    """The run of the body's blocks went on into the footer written loose after the text: its headings came in. And
    a page whose text is in a box marked `role="main"` had its banner's run put in a `<main>`, read in its place: the
    text was lost, only the banner's paragraphs were imported."""
    text = (f"<h1>Bridge closes</h1><p>{PARAGRAPHS[0]}</p><h2>What the engineers found</h2><p>{PARAGRAPHS[1]}</p>"
            f"<p>{PARAGRAPHS[2]}</p>")
    footer = ("<hr><h3>About this site</h3><p>Written and kept by Jane Smith since 1998.</p><h4>Contact</h4>"
              "<p>jane@example.org</p><h3>Recent posts</h3><ul><li><a href='/a'>Ferry times</a></li></ul>")
    body = html_reader.read(_page(text + footer)).body
    assert "## What the engineers found" in body and "About this site" not in body and "Contact" not in body
    # a last section of prose stays
    body = html_reader.read(_page(text + f"<h2>What next</h2><p>{PARAGRAPHS[3]}</p>")).body
    assert body.strip().split("\n\n")[-2:] == ["## What next", PARAGRAPHS[3]]
    marked = _page(f"<h1>Around the harbour</h1><p>{PARAGRAPHS[3]}</p><p>{BANNER}</p><div role='main'><h2>What the "
                   f"engineers found</h2><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p></div>")
    body = html_reader.read(marked).body
    assert "## What the engineers found" in body and "Around the harbour" not in body


def test_a_page_read_flat_keeps_the_header_of_a_post_in_a_box_marked_as_one():
    """A blog theme's post in `<div class="post">` (or a box of `role="article"`) heads it with a `<header>`: its
    standfirst was skipped as the site's banner."""
    standfirst = ("The council closes the harbour bridge for a year, and the ferries will carry its commuters until "
                  "the repairs are done.")
    deep = "<div>" * 300 + "</div>" * 300
    for box in ('<div class="post hentry">', '<div role="article">', '<div id="main" role="main">'):
        page = (f'<html><head><title>Bridge closes</title></head><body class="single-post"><header><div>{BANNER}'
                f"</div></header>{deep}{box}<header><h1>Bridge closes</h1><p>{standfirst}</p></header>"
                f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div></body></html>")
        flat = deepnesting.flat(page)
        assert "Harbour Gazette" not in flat and standfirst in flat, box
        assert html_reader.read(page).body.strip().split("\n\n")[:2] == [standfirst, PARAGRAPHS[0]], box


def test_emphasis_in_two_tags_markdown_writes_alike_is_one_and_a_space_before_a_linked_picture_stays():
    """`<b>b</b><strong>y …</strong>` and `<i>b</i><em>y …</em>` printed `**b****y …**` and `*b**y …*`; two of other
    classes stay two. A link whose words start after a picture lost the space before it (`*now*[HBO]`)."""
    body = (f"<article><h1>Films</h1><p>{PARAGRAPHS[0]}</p><p>Watch <b>b</b><strong>y night</strong> and <i>b</i>"
            "<em>y day</em>, <b class='by'>Ann Lee</b><b class='date'>May 3</b>, <em>now</em> <a "
            f"href='https://a.example/'><img src='tv.png'>on HBO</a> too.</p><p>{PARAGRAPHS[1]}</p></article>")
    record = html_reader.read(_page(body))
    assert "Watch **by night** and *by day*, **Ann Lee****May 3**, *now* [on HBO](https://a.example/) too." \
        in record.body


def test_backticks_in_code_are_printed_as_written():
    """A code block holding a Markdown fence, and a code span holding a backtick, print their backticks as the page
    did (the fence was written "` ` `" and the span's backtick a quote: "a'b"); markup in them is still never HTML."""
    from generator.render.markdown import new_renderer, render

    body = (f"<article><h1>Bridge closes</h1><p>{PARAGRAPHS[0]}</p><p>Quote a word as <code>`word`</code> and join "
            "with <code>a`b</code> in the shell.</p><pre><code>Write this:\n```\n&lt;b&gt;bold&lt;/b&gt;\n```\n"
            f"</code></pre><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p></article>")
    record = html_reader.read(_page(body))
    assert "Quote a word as `` `word` `` and join with ``a`b`` in the shell." in record.body
    assert "````\nWrite this:\n```\n<b>bold</b>\n```\n````" in record.body
    rendered = str(render(new_renderer(), record.body))
    assert "<code>`word`</code>" in rendered and "<code>a`b</code>" in rendered
    assert "<code>Write this:\n```\n&lt;b&gt;bold&lt;/b&gt;\n```\n</code>" in rendered and "\\" not in rendered


def test_a_line_break_that_closes_emphasis_loses_nothing_after_it():
    """`<em>one<br></em><em>two</em> now`: trafilatura ended the paragraph at the break, and "two now" and the
    sentences after it were lost (or came back glued, "*two*now", from a second reading)."""
    body = (f"<article><h1>Bridge closes</h1><p>{PARAGRAPHS[0]}</p><p>The sign read <em>closed<br></em><em>until "
            f"spring</em> and the ferry ran again. {PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p></article>")
    blocks = html_reader.read(_page(body)).body.strip().split("\n\n")
    assert blocks == [PARAGRAPHS[0], "The sign read *closed*",
                      f"*until spring* and the ferry ran again. {PARAGRAPHS[1]}", PARAGRAPHS[2]]
