"""HTML pages and WARC captures: main text, metadata, dates, images, and nothing unsafe survives."""

from __future__ import annotations

import datetime as dt
import json

from generator.ingest import html as html_reader
from generator.ingest import mainblock
from generator.load import content
from tests.helpers import PARAGRAPHS, make_tree, page, write_warc


def _load(root):
    articles, problems = content.load(root, ".", dt.timezone.utc)
    assert problems == []
    return articles


def _import_article(cli, tmp_path, inner: str, title: str = "Bridge closes", explain: bool = True):
    """One page, `<h1>title</h1>` then `inner` in an article, imported with the CLI: (the article, the run)."""
    page_html = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{inner}</article>"
                 "</body></html>")
    make_tree(tmp_path, {"in/page.html": page_html})
    ran = cli("import", tmp_path / "in", "--root", tmp_path / "r", *(["--explain"] if explain else []))
    assert ran.code == 0, ran.err
    [article] = _load(tmp_path / "r")
    return article, ran


def test_an_html_page_becomes_a_clean_article(cli, tmp_path):
    make_tree(tmp_path, {"in/bridge.html": page()})
    ran = cli("import", tmp_path / "in", "--root", tmp_path)
    assert ran.code == 0, ran.err
    [article] = _load(tmp_path)
    assert article.file == "content/2021/harbour-bridge-to-close-for-a-year.md"
    assert article.title == "Harbour bridge to close for a year"
    assert (article.published.year, article.published.month, article.published.day) == (2021, 4, 6)
    assert (article.updated.month, article.updated.day) == (4, 7)
    assert article.authors == ("Ann Example", "Bo Writer")
    assert [(s.name, s.url) for s in article.sources] == [("The Harbour Times", "https://example.org/news/harbour-bridge")]
    assert article.image.src == "https://cdn.example.org/img/bridge.jpg"  # remote: a URL, never copied
    assert article.lang == "en"
    assert article.provenance["importer"] == "html" and article.provenance["file"] == "in/bridge.html"
    for paragraph in PARAGRAPHS:
        assert paragraph in article.body
    assert "## What happens next" in article.body
    assert "[full report](https://example.org/report.pdf?id=7)" in article.body  # tracking parameter gone
    for unsafe in ("<script", "track(", "<style", "color:red", "onclick", "javascript:", "steal"):
        assert unsafe not in article.body
    for cruft in ("Most read", "Other story", "cookies", "Privacy", "Sport", "By Ann Example"):
        assert cruft not in article.body
    built = cli("build", "--root", tmp_path)
    assert built.code == 0, built.err
    html = (tmp_path / "site/2021/harbour-bridge-to-close-for-a-year/index.html").read_text()
    assert 'src="https://cdn.example.org' not in html  # remote images are links, never loaded


def test_without_metadata_the_title_comes_from_the_title_element_and_dates_from_the_page(tmp_path):
    bare = page(json_ld=False).replace('<meta property="og:title" content="Harbour bridge to close for a year">', "")
    bare = bare.replace("<h1>Harbour bridge to close for a year</h1>", "")
    bare = bare.replace("</head>", '<meta name="date" content="2021-04-06"></head>')
    record = html_reader.read(bare)
    assert record.title == "Harbour bridge to close for a year"  # the site suffix is cut
    assert (record.published.year, record.published.month, record.published.day) == (2021, 4, 6)


def test_a_saved_page_with_its_files_folder_copies_the_image_into_the_site(cli, tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    make_tree(tmp_path, {
        "saved/Bridge.html": page(image="Bridge_files/bridge%20photo.png".replace("%20", "-")),
        "saved/Bridge_files/bridge-photo.png": png,
        "saved/Bridge_files/style.css": "p{}",
    })
    ran = cli("import", tmp_path / "saved", "--root", tmp_path / "a")
    assert ran.code == 0 and "Imported 1, unchanged 0, kept 0, skipped 0, failed 0" in ran.out, ran.out + ran.err
    [article] = _load(tmp_path / "a")
    assert article.image.src == "harbour-bridge-to-close-for-a-year/bridge-photo.png"
    assert (tmp_path / "a/content/2021/harbour-bridge-to-close-for-a-year/bridge-photo.png").read_bytes() == png
    assert cli("build", "--root", tmp_path / "a").code == 0
    assert (tmp_path / "a/site/2021/harbour-bridge-to-close-for-a-year/bridge-photo.png").read_bytes() == png
    assert "unchanged 1" in cli("import", tmp_path / "saved", "--root", tmp_path / "a").out


def test_html_saved_as_txt_is_read_as_html_and_latin1_pages_decode(cli, tmp_path):
    latin = page(lang="de").replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    latin = latin.replace("The city council voted", "Der Stadtrat in Köln stimmte")
    make_tree(tmp_path, {"in/page.txt": page(), "in/latin.htm": latin.replace("“", "\"").replace("”", "\"").encode("latin-1"),
                         "in/bom.html": b"\xef\xbb\xbf" + page().replace("Harbour bridge to close", "Bridge shut").encode()})
    ran = cli("import", tmp_path / "in", "--root", tmp_path / "r")
    assert ran.code == 0, ran.err
    articles = {a.provenance["file"]: a for a in _load(tmp_path / "r")}
    assert all(a.provenance["importer"] == "html" for a in articles.values())
    by_name = {f.rsplit("/", 1)[1]: a for f, a in articles.items()}
    assert "Der Stadtrat in Köln stimmte" in by_name["latin.htm"].body and by_name["latin.htm"].lang == "de"
    assert by_name["page.txt"].title == "Harbour bridge to close for a year"


def test_a_warc_with_two_captures_of_one_url_is_one_article_from_the_latest_with_both_as_versions(cli, tmp_path):
    older = page().replace(PARAGRAPHS[3], "An earlier version of this paragraph said something else entirely.")
    jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 32
    write_warc(tmp_path / "crawl.warc.gz", [
        ("https://example.org/news/harbour-bridge", "2021-04-08T12:00:00Z", page()),
        ("https://example.org/news/harbour-bridge", "2021-04-06T08:00:00Z", older),
        ("https://example.org/news/other", "2021-04-08T12:05:00Z",
         page().replace("Harbour bridge to close for a year", "Ferry fares to rise in summer")),
    ], image=jpeg)
    ran = cli("import", tmp_path / "crawl.warc.gz", "--root", tmp_path / "r")
    assert ran.code == 0, ran.err
    assert "Imported 2, unchanged 0, kept 0, skipped 0, failed 0" in ran.out
    articles = {a.title: a for a in _load(tmp_path / "r")}
    bridge = articles["Harbour bridge to close for a year"]
    assert PARAGRAPHS[3] in bridge.body and "An earlier version" not in bridge.body
    assert [(s.url, s.retrieved.moment.isoformat()) for s in bridge.sources] == [
        ("https://example.org/news/harbour-bridge", "2021-04-08T12:00:00+00:00"),  # the capture it is read from
    ]
    versions = tmp_path / "r/content/2021/harbour-bridge-to-close-for-a-year.versions"
    assert sorted(p.name for p in versions.iterdir()) == ["20210406080000.md", "20210408120000.md"]
    assert "An earlier version" in (versions / "20210406080000.md").read_text()
    assert bridge.provenance["importer"] == "warc"
    assert bridge.provenance["target_uri"] == "https://example.org/news/harbour-bridge"
    assert bridge.provenance["record_id"].startswith("urn:uuid:")
    assert "archived" in bridge.flags
    assert bridge.image.src == "harbour-bridge-to-close-for-a-year/bridge.jpg"  # the WARC held the image
    assert (tmp_path / "r/content/2021/harbour-bridge-to-close-for-a-year/bridge.jpg").read_bytes() == jpeg
    again = cli("import", tmp_path / "crawl.warc.gz", "--root", tmp_path / "r")
    assert "Imported 0, unchanged 3, kept 0, skipped 0, failed 0, new versions 0" in again.out
    assert cli("build", "--root", tmp_path / "r").code == 0


def test_cjk_and_spanish_pages(tmp_path):
    zh = ["国际奥委会周二宣布，原定于今年夏天举行的东京奥运会将推迟至明年举行，这是现代奥运史上首次因疫情推迟。",
          "日本首相表示，政府将全力支持奥运会的筹备工作，并希望明年能够以完整的形式举办这一盛会。",
          "许多运动员对这一决定表示理解，但也有人担心训练计划会因此受到严重影响。"]
    record = html_reader.read(page(lang="zh-CN", paragraphs=zh * 2, json_ld=False).replace(
        "Harbour bridge to close for a year", "东京奥运会推迟至明年"))
    assert record.title == "东京奥运会推迟至明年" and record.lang == "zh-CN"
    assert zh[0] in record.body


def test_a_page_drawn_by_scripts_falls_back_to_its_json_ld_article_body(tmp_path):
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Scripted page keeps its text",
          "datePublished": "2022-02-02", "articleBody": "\n".join(PARAGRAPHS) + "\n<script>x()</script> *stars*"}
    data = json.dumps(ld).replace("</", "<\\/")  # as pages write it inside <script>
    page_html = (f'<html><head><title>Scripted</title><script type="application/ld+json">{data}</script>'
                 '</head><body><div id="app"></div><script>render()</script></body></html>')
    record = html_reader.read(page_html)
    assert record.title == "Scripted page keeps its text"
    assert all(p in record.body.replace("\\", "") for p in PARAGRAPHS)
    from generator.render.markdown import new_renderer, render

    rendered = str(render(new_renderer(), record.body))
    assert "<script" not in rendered and "*stars*" in rendered


def test_a_warc_page_without_an_article_is_reported_as_skipped(cli, tmp_path):
    write_warc(tmp_path / "mixed.warc", [
        ("https://example.org/news/harbour-bridge", "2021-04-08T12:00:00Z", page()),
        ("https://example.org/", "2021-04-08T12:01:00Z", "<html><head><title>Home</title></head><body>"
                                                          "<nav><a href='/a'>A</a></nav></body></html>"),
    ])
    ran = cli("import", tmp_path / "mixed.warc", "--root", tmp_path / "r")
    assert ran.code == 0 and "Imported 1, unchanged 0, kept 0, skipped 1, failed 0" in ran.out
    assert "https://example.org/: holds no article" in ran.err


def test_nothing_executable_survives_in_the_rendered_article():
    nasty = [
        'A paragraph that talks about <code>&lt;script&gt;alert(1)&lt;/script&gt;</code> as text, at some length here.',
        'Click <a href="javascript:alert(2)">this harmless looking link</a> or <a href="data:text/html,x">that one</a>.',
        'An image <img src="x" onerror="alert(3)"> and an <svg onload="alert(4)"><circle r="1"/></svg> in the text.',
        'Literal markdown in the page: [looks like a link](javascript:alert(5)) and <javascript:alert(6)> too.',
        '<iframe src="https://evil.example/"></iframe> An iframe sat before this sentence in the paragraph.',
        '<span style="color:red" onmouseover="alert(7)">Styled text with a handler</span> ends the story here.',
    ]
    record = html_reader.read(page(paragraphs=PARAGRAPHS + nasty))
    from generator.render.markdown import new_renderer, render

    rendered = str(render(new_renderer(), record.body)).lower()
    for bad in ("<script", 'href="javascript:', "onerror", "onload", "onmouseover", "<iframe", "<svg", "style=",
                'href="data:'):
        assert bad not in rendered, bad
    assert "[looks like a link](javascript:alert(5))" in rendered  # shown as the text it was, not a link
    assert "this harmless looking link" in rendered


def test_quotes_lists_tables_and_emphasis_are_kept_as_markdown():
    body = (
        "<p>" + PARAGRAPHS[0] + "</p>"
        "<blockquote><p>We cannot take risks with people's lives, and we will not, whatever it costs the city.</p></blockquote>"
        "<p>" + PARAGRAPHS[1] + " It was <em>very</em> <strong>costly</strong>.</p>"
        "<ol><li>Close the bridge in September.</li><li>Add four ferry crossings an hour.</li></ol>"
        "<table><tr><th>Route</th><th>Minutes</th></tr><tr><td>Ferry</td><td>25</td></tr>"
        "<tr><td>Bus | shuttle</td><td>40</td></tr></table>"
        "<p>" + PARAGRAPHS[3] + "</p>"
    )
    html = (f"<html><head><title>Bridge</title></head><body><article><h1>Harbour bridge to close for a year</h1>"
            f"{body}</article></body></html>")
    record = html_reader.read(html)
    assert "> We cannot take risks with people's lives" in record.body
    assert record.title == "Harbour bridge to close for a year"  # the visible headline beats a bare <title>
    assert "*very*" in record.body and "**costly**" in record.body
    assert "1. Close the bridge in September.\n2. Add four ferry crossings an hour." in record.body
    assert "| Route | Minutes |" in record.body and "| Bus \\| shuttle | 40 |" in record.body
    from generator.render.markdown import new_renderer, render

    rendered = str(render(new_renderer(), record.body))
    assert "<blockquote>" in rendered and "<table>" in rendered and "<ol>" in rendered


def test_code_in_a_table_cell_stays_a_code_block_with_its_line_breaks():
    code = ('<div class="wp_syntax"><table><tr><td class="line_numbers"><pre>1\n2\n3</pre></td>'
            '<td class="code"><pre class="javascript">fetch(<span>"/data.json"</span>).then(function(res) {\n'
            '  console.log(res.ok);\n});</pre>Runs in any page.</td></tr></table></div>')
    body = html_reader.read(page(paragraphs=PARAGRAPHS[:2] + [code] + PARAGRAPHS[2:])).body
    assert '```\nfetch("/data.json").then(function(res) {\n  console.log(res.ok);\n});\n```' in body
    assert "Runs in any page." in body  # the cell's other text is kept
    assert "1\n2\n3" not in body and "> fetch" not in body


def test_a_comment_thread_after_a_comments_heading_is_left_out():
    thread = ('<h2 id="trackbacks">Trackback Pings</h2><h2>Comments</h2>'
              '<div id="c1"><p>I disagree with every word of this, the bridge is perfectly fine as it is.</p></div>'
              '<p class="posted">Posted by: jonathan at October 29, 2012 05:23 PM</p>'
              '<div id="c2"><p>Spam spam spam, buy cheap watches online today at our shop.</p></div>'
              '<h2>Post a comment</h2><form><textarea></textarea></form>')
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page_html = ("<html><head><title>Bridge closes</title></head><body><div id='main'><h1>Bridge closes</h1>"
                 f"<h3>Comments (2)</h3>{text}{thread}</div></body></html>")
    body = html_reader.read(page_html).body
    assert all(p[:40] in body for p in PARAGRAPHS)
    assert "disagree" not in body and "Spam" not in body and "Posted by" not in body


def test_an_article_marked_as_commented_is_not_taken_for_its_comments():
    """Kinja marks the article itself `class="post commented"`: it is the text, the thread below it is not."""
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    thread = ('<div class="comments"><p>I disagree with every word of this, the bridge is perfectly fine as it is '
              'and the council should spend its money on the ferries instead of closing the road for a year.</p></div>')
    page_html = ("<html><head><title>Bridge closes</title></head><body><article class='post hentry commented'>"
                 f"<h1>Bridge closes</h1>{text}</article>{thread}</body></html>")
    body = html_reader.read(page_html).body
    assert all(p[:40] in body for p in PARAGRAPHS)
    assert "disagree" not in body


def test_a_short_post_in_a_box_named_after_its_author_is_kept():
    """Typepad names a post's box "entry-author-<name>": a short post in it is no by-line box."""
    post = ("Experimental philosophers nicely fit the description for this <a href='https://example.org/jobs'>"
            "position</a> in the Centre for Knowledge Integration, and I'm told that such applications would be of "
            "interest. The department has a robust cognitive science programme.")
    blogroll = "".join(f"<li><a href='https://example.org/{n}'>Person {n}</a></li>" for n in range(60))
    page_html = ("<html><head><title>Faculty position</title></head><body><div class='beta'>"
                 "<div class='entry-author-ann_example entry-type-post entry'><h3>Faculty position</h3>"
                 f"<div class='entry-content'><div class='entry-body'><p>{post}</p></div></div>"
                 "<p class='entry-footer'>Posted by Ann Example</p></div></div>"
                 f"<div class='module-list'><ul>{blogroll}</ul></div></body></html>")
    body = html_reader.read(page_html).body
    assert "in the Centre for Knowledge Integration" in body and "robust cognitive science programme." in body
    assert "Person 7" not in body


def test_a_notice_shown_only_on_paper_is_left_out():
    notice = ('<div class="printSummary pfHeader"><ul><li><p>Dow Jones Reprints: This copy is for your personal, '
              'non-commercial use only. To order presentation-ready copies for distribution to your colleagues, '
              'clients or customers, use the Order Reprints tool at the bottom of any article.</p></li></ul></div>')
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page_html = f"<html><body><div id='a'>{notice}<h1>Bridge closes</h1>{text}</div></body></html>"
    body = html_reader.read(page_html).body
    assert "Reprints" not in body and all(p[:40] in body for p in PARAGRAPHS)


def test_an_article_marked_as_the_part_to_print_is_kept():
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page_html = f"<html><body><h1>Bridge closes</h1><div class='entry-content print-only'>{text}</div></body></html>"
    body = html_reader.read(page_html).body
    assert all(p[:40] in body for p in PARAGRAPHS)


def test_a_text_the_page_prints_twice_is_kept_once_and_explained(cli, tmp_path):
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    code = "<pre><code>x = 1\ny = 2\nprint(x + y, 'is the answer to the sum')</code></pre>"
    page_html = (f"<html><head><title>Bridge closes</title></head><body><div id='story'><h1>Bridge closes</h1>"
                 f"<div class='body'>{text}{code}</div><div class='print'>{text}{code}</div></div></body></html>")
    make_tree(tmp_path, {"in/twice.html": page_html})
    ran = cli("import", tmp_path / "in", "--root", tmp_path / "r", "--explain")
    assert ran.code == 0, ran.err
    [article] = _load(tmp_path / "r")
    assert all(article.body.count(p[:40]) == 1 for p in PARAGRAPHS)
    assert article.body.count("print(x + y") == 2  # code may repeat on purpose
    assert f"repeat (a paragraph the page prints twice): {PARAGRAPHS[1][:60]}" in ran.out



def test_what_follows_the_text_after_a_line_that_ends_it_is_left_out_and_explained(cli, tmp_path):
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    after = ("<p>A version of this article appeared in print on 11/08/2012, on page B9 of the New York edition "
             "with the headline: Bridge Closes.</p><p>Harbourwise is a blog about everything related to the "
             "harbour, from ferries to bridges and the people who use them every day.</p>")
    inside = ("<p>Related stories</p><ul><li><a href='https://example.org/a'>Ferry fares go up</a></li></ul>"
              f"<p>{PARAGRAPHS[0].replace('city council', 'harbour board')}</p><p>{PARAGRAPHS[1].replace('Engineers', 'Divers')}</p>")
    page_html = (f"<html><head><title>Bridge closes</title></head><body><div id='story'><h1>Bridge closes</h1>"
                 f"{text}{inside}{after}</div></body></html>")
    make_tree(tmp_path, {"in/end.html": page_html})
    ran = cli("import", tmp_path / "in", "--root", tmp_path / "r", "--explain")
    assert ran.code == 0, ran.err
    [article] = _load(tmp_path / "r")
    assert all(p[:40] in article.body for p in PARAGRAPHS)
    assert "harbour board" in article.body and "Divers found" in article.body  # the text resumes after a list
    assert "Ferry fares" not in article.body
    assert "appeared in print" not in article.body and "Harbourwise" not in article.body
    assert "footer: A version of this article appeared in print" in ran.out
    assert "footer: Harbourwise is a blog" in ran.out


def _passes(monkeypatch, default: list[str], recall: list[str]) -> None:
    """trafilatura's two passes, as given: the default one and the recall-favouring one (and no second
    opinion from Readability: tests/test_import_mainblock.py stages that)."""
    def extract(tree, favor_recall=False, **options):
        paragraphs = recall if favor_recall else default
        return "<doc><main>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</main></doc>"
    monkeypatch.setattr(mainblock.trafilatura, "extract", extract)
    monkeypatch.setattr(mainblock, "_Readability", None)


CAPTION = "Engineers inspect the harbour bridge, which opened in 1932, on a grey morning in spring this year."
SIDEBAR = "Most read: ferry timetables change next month and parking near the terminal will cost more from May."
PAGE = "<html><head><title>Bridge closes</title></head><body><p>x</p></body></html>"


def test_when_the_extractor_s_passes_disagree_the_text_the_recall_pass_finds_is_taken(monkeypatch):
    _passes(monkeypatch, default=[CAPTION, CAPTION.replace("grey", "wet")], recall=PARAGRAPHS)
    body = html_reader.read(PAGE).body
    assert all(p[:40] in body for p in PARAGRAPHS) and "morning" not in body


def test_when_the_recall_pass_only_adds_to_the_text_the_default_pass_stays(monkeypatch):
    _passes(monkeypatch, default=PARAGRAPHS, recall=[*PARAGRAPHS, SIDEBAR])
    body = html_reader.read(PAGE).body
    assert all(p[:40] in body for p in PARAGRAPHS) and "Most read" not in body


def test_a_short_line_several_items_share_is_not_a_repeat(monkeypatch):
    place = "Place: council chamber, first floor, old town hall, Harbour Street"
    _passes(monkeypatch, default=[PARAGRAPHS[0], place, PARAGRAPHS[1], place, PARAGRAPHS[2]],
            recall=[PARAGRAPHS[0], place, PARAGRAPHS[1], place, PARAGRAPHS[2]])
    assert html_reader.read(PAGE).body.count(place) == 2


GALLERY = ["Fishing boats wait out the storm in the inner basin on Sunday morning.",
           "The old lighthouse keeper's cottage, now a museum, lit up for the festival.",
           "Divers from the harbour board check the piles under the ferry pier.",
           "A crane lifts the first new span into place at low tide."]


def test_a_photo_gallery_after_the_text_is_left_out_and_explained(cli, tmp_path):
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    gallery = "<h2>The harbour in pictures</h2><ul>" + "".join(
        f"<li>{n}/{len(GALLERY)} {caption}</li>" for n, caption in enumerate(GALLERY, 1)) + "</ul>"
    article, ran = _import_article(cli, tmp_path, text + gallery)
    assert all(p[:40] in article.body for p in PARAGRAPHS)
    assert "lighthouse" not in article.body and "in pictures" not in article.body
    assert "photo gallery (captions): The harbour in pictures" in ran.out
    assert "photo gallery (captions): 2/4 The old lighthouse keeper's cottage" in ran.out


def test_a_page_that_is_a_gallery_keeps_its_captions(cli, tmp_path):
    gallery = "<ul>" + "".join(f"<li>{n}/{len(GALLERY)} {caption}</li>" for n, caption in enumerate(GALLERY, 1)) + "</ul>"
    article, _ = _import_article(cli, tmp_path, f"<p>{PARAGRAPHS[0]}</p>{gallery}", title="The harbour in pictures",
                                 explain=False)
    assert all(caption in article.body for caption in GALLERY)


def test_a_section_headed_response_is_text_not_a_comment_thread(cli, tmp_path):
    """A text about HTTP has a section "Response"; only "Responses", "3 Responses" open a comment thread."""
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    section = ("<h2>Response</h2><p>The bridge's web page answers each request for the timetable with a response "
               "that says whether the crossing is open, and when the next ferry leaves the harbour.</p>")
    thread = "<h2>3 Responses</h2><p>Ann: Finally some good news for the ferry crews after such a long winter.</p>"
    article, _ = _import_article(cli, tmp_path, text + section + thread)
    assert "## Response" in article.body and "next ferry leaves the harbour" in article.body
    assert "good news for the ferry crews" not in article.body


def test_text_the_extractor_leaves_loose_in_a_block_is_kept_in_its_place(monkeypatch):
    """trafilatura's recall pass may give paragraphs as loose text beside its elements (`<div><div><p/> text
    </div><ref/> text <p>text</p></div>`): they are the text; a slideshow's captions deep in nested blocks and
    a teaser headline are not."""
    first, second, third, fourth = PARAGRAPHS
    slideshow = "<div><div><div><div>The old bridge at dawn, seen from the ferry terminal in 1932.</div></div></div></div>"
    xml = (f"<doc><main><div><div><p/> {first}</div><ref/>{second}<lb/>{third}<p>{fourth}</p></div>"
           f"<div>A century of harbour crossings</div>{slideshow}</main></doc>")
    monkeypatch.setattr(mainblock.trafilatura, "extract", lambda tree, **options: xml)
    monkeypatch.setattr(mainblock, "_Readability", None)
    body = html_reader.read(PAGE).body
    assert body.strip().split("\n\n") == [first, second, third, fourth]


def test_a_numbered_point_after_a_read_more_line_is_the_articles_not_a_related_list(cli, tmp_path):
    def point(n):
        return f"<p>{n}. Secret number {n}</p><p>The harbour master explained secret {n} at length, and said that " \
               f"no owner had asked to change it in {n + 20} years.</p>"
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    article, ran = _import_article(cli, tmp_path, text + "".join(point(n) for n in (1, 2, 3, 4)) + "<p>Read more</p>"
                                   + point(5), title="Seven secrets of harbour owners")
    assert "5\\. Secret number 5" in article.body and "related list: 5." not in ran.out
    assert "Read more" not in article.body  # the line itself is still furniture
