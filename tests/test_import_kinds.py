"""Input kinds: Markdown articles, sniffing unknown extensions, duplicates, WARCs without pages, many files."""

from __future__ import annotations

import datetime as dt
import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from generator.load import content
from tests.helpers import make_tree

PROSE = "The council met on Tuesday and agreed the plan after a long debate about its cost and timing. " * 3


def _load(root):
    articles, problems = content.load(root, ".", dt.timezone.utc)
    assert problems == []
    return articles


def test_markdown_is_validated_and_normalised(cli, tmp_path):
    make_tree(tmp_path, {
        "in/a.md": "---\ntitle:   'Plan: approved #1'\nflags: [archived, corrected]\npublished: 2020-05-04\n"
                   "authors: [Ann Example, Ann Example]\nextra: {desk: metro}\n---\n\n\n" + PROSE + "\n",
        "in/b.markdown": "# A heading as the title\n\n" + PROSE,
    })
    ran = cli("import", tmp_path / "in", "--root", tmp_path / "r")
    assert ran.code == 0, ran.err
    articles = {a.title: a for a in _load(tmp_path / "r")}
    a = articles["Plan: approved #1"]
    assert a.file == "content/2020/plan-approved-1.md"
    assert a.flags == ("corrected", "archived")  # the schema's order
    assert a.authors == ("Ann Example",)
    assert a.extra == {"desk": "metro"} and a.provenance["importer"] == "markdown"
    text = (tmp_path / "r" / a.file).read_text()
    assert "title: 'Plan: approved #1'" in text and "\n\n\n" not in text
    b = articles["A heading as the title"]
    assert b.file == "content/undated/a-heading-as-the-title.md" and b.body.startswith("The council met")


def test_a_markdown_file_keeps_the_slug_it_asks_for(cli, tmp_path):
    make_tree(tmp_path, {"in/a.md": "---\ntitle: Some title\nslug: chosen-name\npublished: 2019\n---\n\n" + PROSE})
    assert cli("import", tmp_path / "in/a.md", "--root", tmp_path / "r").code == 0
    [article] = _load(tmp_path / "r")
    assert article.slug == "chosen-name" and article.file == "content/2019/chosen-name.md"


def test_unknown_extensions_are_sniffed(cli, tmp_path):
    page = ("<!DOCTYPE html><html><head><title>Sniffed page title here</title></head><body><article>"
            "<h1>Sniffed page title here</h1><p>" + PROSE + "</p><p>" + PROSE + "</p></article></body></html>")
    make_tree(tmp_path, {
        "in/page.dat": page,
        "in/notes": "Plain text title\n\n" + PROSE,
        "in/front.bin": "---\ntitle: From front-matter\n---\n\n" + PROSE,
    })
    assert cli("import", tmp_path / "in", "--root", tmp_path / "r").code == 0
    kinds = {a.title: a.provenance["importer"] for a in _load(tmp_path / "r")}
    assert kinds == {"Sniffed page title here": "html", "Plain text title": "text", "From front-matter": "markdown"}


def test_inputs_with_the_same_bytes_become_one_article(cli, tmp_path):
    story = "A story told twice\n\n" + PROSE
    make_tree(tmp_path, {"in/a.txt": story, "in/copy/a.txt": story})
    ran = cli("import", tmp_path / "in", "--root", tmp_path / "r")
    assert ran.code == 0 and "Imported 1, unchanged 0, kept 0, skipped 1, failed 0" in ran.out
    assert f"has the same bytes as {tmp_path / 'in/a.txt'}" in ran.err
    again = cli("import", tmp_path / "in", "--root", tmp_path / "r")
    assert "Imported 0, unchanged 1, kept 0, skipped 1, failed 0" in again.out


def test_many_files_are_read_in_parallel_with_the_same_result(cli, tmp_path):
    files = {f"in/{n:02d}.txt": f"Story number {n} of the day\n\n{PROSE}" for n in range(9)}
    make_tree(tmp_path, files)
    assert cli("import", tmp_path / "in", "--root", tmp_path / "parallel").code == 0
    from generator.ingest import run

    sequential = run.run([str(tmp_path / "in")], tmp_path / "sequential", jobs=1)
    assert sequential.imported == 9
    for path in (tmp_path / "parallel/content").rglob("*.md"):
        twin = tmp_path / "sequential" / path.relative_to(tmp_path / "parallel")
        assert path.read_bytes() == twin.read_bytes()


def test_a_warc_without_html_pages_is_reported(cli, tmp_path):
    with open(tmp_path / "images.warc", "wb") as out:
        writer = WARCWriter(out, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://example.org/a.png", "response", payload=io.BytesIO(b"\x89PNG...."), http_headers=headers))
        redirect = StatusAndHeaders("301 Moved", [("Location", "/b"), ("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://example.org/a", "response", payload=io.BytesIO(b"<html>moved</html>"), http_headers=redirect))
    ran = cli("import", tmp_path / "images.warc", "--root", tmp_path / "r")
    assert ran.code == 1
    assert f"{tmp_path / 'images.warc'}: holds no HTML pages (2 records, none an HTML response)" in ran.err


def test_a_markdown_image_beside_the_file_is_copied_and_one_outside_is_not(cli, tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + b"\x01" * 16
    make_tree(tmp_path, {
        "secret.png": b"\x89PNG secret",
        "in/a.md": "---\ntitle: With a picture\nimage: {src: pics/p.png, caption: A pier}\n---\n\n" + PROSE,
        "in/pics/p.png": png,
        "in/b.md": "---\ntitle: Reaching out\nimage: {src: ../secret.png, caption: Nope}\n---\n\n" + PROSE,
    })
    assert cli("import", tmp_path / "in", "--root", tmp_path / "r").code == 0
    articles = {a.title: a for a in _load(tmp_path / "r")}
    assert articles["With a picture"].image.src == "with-a-picture/p.png"
    assert (tmp_path / "r/content/undated/with-a-picture/p.png").read_bytes() == png
    assert articles["Reaching out"].image.src is None and articles["Reaching out"].image.caption == "Nope"
    assert not list((tmp_path / "r").rglob("secret.png"))
    assert cli("build", "--root", tmp_path / "r").code == 0


def test_an_html_page_with_text_but_no_title_anywhere_is_imported_titled_by_its_first_words(cli, tmp_path):
    make_tree(tmp_path, {
        "in/x.html": "<html><body><div>" + "<p>" + PROSE + "</p>" * 3 + "</div></body></html>",
        "in/zh.html": "<html><body><div>" + "<p>" + "北京市今天举行新闻发布会，介绍城市交通建设的最新进展和明年的工作计划安排情况。" * 3
                      + "</p>" * 3 + "</div></body></html>",
    })
    ran = cli("import", tmp_path / "in", "--root", tmp_path / "r")
    # Nothing is lost: the text is imported, the missing title reported as a warning.
    assert ran.code == 0, ran.err
    assert ran.err.count("has no title") == 2 and "titled by its first words" in ran.err
    titles = sorted(a.title for a in _load(tmp_path / "r"))
    assert len(titles) == 2
    first_sentence = PROSE.split(". ")[0]
    assert any(first_sentence.startswith(t.rstrip("…")) and len(t.split()) <= 13 for t in titles), titles
    chinese = next(t for t in titles if t.startswith("北京"))
    assert chinese == "北京市今天举行新闻发布会，介绍城市交通建设的最新进展和明年的工作计划安排情况。" and len(chinese) <= 80
    texts = [p.read_text(encoding="utf-8") for p in (tmp_path / "r/content").rglob("*.md")]
    assert sum(text.count("debate about its cost and timing") for text in texts) == 3  # every sentence kept
    assert cli("build", "--root", tmp_path / "r").code == 0


def test_an_unexpected_error_in_a_reader_fails_that_input_only(cli, tmp_path, monkeypatch):
    from generator.ingest import text as text_reader

    make_tree(tmp_path, {"in/a.txt": "Good story\n\n" + PROSE, "in/b.txt": "Breaking story\n\n" + PROSE})
    real = text_reader.read

    def flaky(value, *rest):
        if value.startswith("Breaking"):
            raise ValueError("boom")
        return real(value, *rest)

    monkeypatch.setattr(text_reader, "read", flaky)
    ran = cli("import", tmp_path / "in", "--root", tmp_path / "r")
    assert ran.code == 1 and "Imported 1, unchanged 0, kept 0, skipped 0, failed 1" in ran.out
    assert f"{tmp_path / 'in/b.txt'}: could not be read: ValueError: boom" in ran.err


def test_a_txt_that_quotes_html_in_its_code_samples_is_read_as_text():
    from generator.ingest.sniff import kind_of
    code = "<!DOCTYPE html>\n<html>\n<head>\n<title>Demo</title>\n</head>\n<body>\n<div><p><a>x</a></p></div>\n" * 2
    scrape = f"Get your front-end code covered\n\n{PROSE}\n\nHere is the page we test:\n\n{code}\n{PROSE}\n"
    assert kind_of("post.txt", scrape.encode()) == "text"
    assert kind_of("saved.txt", ("\ufeff" + code + PROSE).encode()) == "html"  # a saved page starts as markup


def test_a_scrape_without_a_paragraph_of_prose_keeps_its_short_lines_as_its_text(cli, tmp_path):
    # A post that is a list of links, and a gallery page of captions: no line is prose, yet those lines are
    # what the page said. A scrape of nothing but a menu still fails.
    make_tree(tmp_path, {
        "in/list.txt": "The five best harbour walks of the year.\n\n"
                       "• A foggy morning on the north pier (photos).\n\n"
                       "• The lighthouse keeper's favourite bench.\n\n"
                       "• Why the ferry timetable changed in March.\n\n"
                       "• Ten minutes of gulls, recorded at dawn.\n\n"
                       "• The café that opens only at low tide.\n\n"
                       "posted by harbourwatch @ 6:01 PM\n\n0 Comments:\n\nPost a Comment\n",
        "in/gallery.txt": "Sand Sculptures on the Beach\n\n"
                          "Visitors pose beside giant sand castles.\n\n"
                          "A girl stands beside a sand dragon at the summer festival in Weymouth, where artists "
                          "worked for a week on the sculptures (Photo: J. Doe)\n",
        "in/menu.txt": "Home\n\nNews\n\nSport\n\nWeather\n\nContact us\n",
    })
    ran = cli("import", tmp_path / "in", "--root", tmp_path / "r")
    assert ran.code == 1 and "menu.txt: holds no article text" in ran.err
    assert ran.err.count("has no paragraph of prose") == 2
    texts = {a.title: a.body for a in _load(tmp_path / "r")}
    assert set(texts) == {"The five best harbour walks of the year.", "Sand Sculptures on the Beach"}
    walks = texts["The five best harbour walks of the year."]
    assert all(item in walks for item in ("north pier", "lighthouse keeper", "ferry timetable", "gulls", "low tide"))
    assert "Post a Comment" not in walks
    assert "Visitors pose beside giant sand castles." in texts["Sand Sculptures on the Beach"]
    assert "sand dragon" in texts["Sand Sculptures on the Beach"]
