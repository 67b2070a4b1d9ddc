"""The headline of an imported HTML page: the visible one the metadata confirms, without the site's name."""

from __future__ import annotations

from generator.ingest import html as html_reader

TEXT = "".join(
    f"<p>Paragraph {n} of the story says what happened at the harbour and who was there to see it.</p>"
    for n in range(4))


def _title(head: str, body: str) -> str:
    return html_reader.read(f"<html><head><meta charset='utf-8'>{head}</head><body>{body}{TEXT}</body></html>").title


def test_the_visible_headline_beats_a_shorter_social_title():
    head = ("<title>Harbour bridge to close for a year of repairs - The Harbour Times</title>"
            '<meta property="og:title" content="Bridge shuts">')
    assert _title(head, "<h1>Harbour bridge to close for a year of repairs</h1>") == \
        "Harbour bridge to close for a year of repairs"


def test_a_blog_name_in_the_h1_is_not_the_headline():
    head = "<title>Notes From The Shed: Tomatoes ripen late this year</title>"
    body = '<h1>Notes From The Shed</h1><h3 class="post-title">Tomatoes ripen late this year</h3>'
    assert _title(head, body) == "Tomatoes ripen late this year"


def test_a_section_before_the_headline_is_left_out():
    head = ('<title>Harbour Blog » Ferries return to the old pier</title>'
            '<meta property="og:site_name" content="City Paper - Harbour Blog">')
    body = "<h1>City Paper</h1><h1>Harbour Blog</h1><h1>Ferries return to the old pier</h1>"
    assert _title(head, body) == "Ferries return to the old pier"


def test_a_heading_with_a_section_label_gives_the_title_s_headline():
    head = ('<title>Harbour bridge to close for a year of repairs - Harbour.example</title>'
            '<meta property="og:title" content="Official Blog of the Harbour Times">')
    body = "<h2>Local News Harbour bridge to close for a year of repairs</h2>"
    assert _title(head, body) == "Harbour bridge to close for a year of repairs"


def test_site_names_are_stripped_from_the_title():
    for title in ("Harbour bridge to close | The Harbour Times", "Harbour bridge to close - The Harbour Times"):
        head = f'<title>{title}</title><meta property="og:site_name" content="The Harbour Times">'
        assert _title(head, "<h1>The Harbour Times</h1>") == "Harbour bridge to close"
        assert _title(head, "<div>no heading</div>") == "Harbour bridge to close"


def test_a_chinese_site_name_without_spaces_is_stripped_when_the_page_shows_the_headline():
    text = "".join(f"<p>第{n}段：港口大桥将关闭一年进行维修，数千名通勤者将改乘渡轮，商户担心客流减少。</p>" for n in range(4))
    page = ("<html lang='zh'><head><meta charset='utf-8'><title>港口大桥将关闭一年-搜狐财经</title></head><body>"
            f"<div>搜狐首页</div><div class='t'>港口大桥将关闭一年</div>{text}</body></html>")
    assert html_reader.read(page).title == "港口大桥将关闭一年"


def test_slugs_come_from_the_cleaned_title_and_a_reimported_article_keeps_its_own(cli, tmp_path):
    import datetime as dt

    from generator.load import content

    def write(title: str, h1: str) -> None:
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / "page.html").write_text(
            f"<html><head><meta charset='utf-8'><title>{title}</title>"
            '<meta property="og:site_name" content="The Harbour Times"></head>'
            f"<body><h1>{h1}</h1>{TEXT}</body></html>", encoding="utf-8")

    write("Bridge shuts | The Harbour Times", "Bridge shuts")
    assert cli("import", tmp_path / "in", "--root", tmp_path / "r").code == 0
    [first] = content.load(tmp_path / "r", ".", dt.timezone.utc)[0]
    assert first.slug == "bridge-shuts"  # not "bridge-shuts-the-harbour-times"
    write("Harbour bridge to close for a year | The Harbour Times", "Harbour bridge to close for a year")
    assert cli("import", tmp_path / "in", "--root", tmp_path / "r").code == 0
    [again] = content.load(tmp_path / "r", ".", dt.timezone.utc)[0]
    assert again.title == "Harbour bridge to close for a year"
    assert (again.slug, again.file) == (first.slug, first.file)  # its URL does not change
