"""Link furniture the extractor keeps beside the text (generator/ingest/linklists.py): menus, blogrolls, tag lines."""

from __future__ import annotations

from generator.ingest import html as html_reader
from generator.ingest import mainblock
from tests.helpers import PARAGRAPHS, make_tree

PAGE = "<html><head><title>Bridge closes</title></head><body><p>x</p></body></html>"
TEXT = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def _extractor_keeps(monkeypatch, main: str) -> None:
    """trafilatura's output, as given (all passes alike): the text and the furniture it kept."""
    monkeypatch.setattr(mainblock.trafilatura, "extract", lambda tree, **options: f"<doc><main>{main}</main></doc>")


def _links(*names: str) -> list[str]:
    return [f"<ref target='https://example.org/{n.split()[0].lower()}'>{n}</ref>" for n in names]


BLOGROLL = "<list rend='ul'>" + "".join(
    f"<item>{link}</item>" for link in _links("Ann Example", "Bo Writer", "Cy Harbour", "Di Ferry")) + \
    "<item>Ed Pier</item></list>"
MENU = "<table><row>" + "".join(f"<cell>{link}</cell>" for link in _links("News", "Sport", "Weather", "Ferries")) + \
    "</row></table>"
TAGS = "<p>" + " ".join(_links("bridges", "harbour", "council", "ferries", "timetables", "repairs")) + "</p>"


def test_a_blogroll_a_menu_and_a_tag_line_the_extractor_kept_are_left_out(monkeypatch):
    _extractor_keeps(monkeypatch, TEXT + BLOGROLL + MENU + TAGS)
    imported = html_reader.read(PAGE)
    assert all(p[:40] in imported.body for p in PARAGRAPHS)
    for gone in ("Bo Writer", "Ed Pier", "Weather", "timetables"):
        assert gone not in imported.body
    kinds = {why for why, _ in imported.dropped}
    assert {"link list (navigation, blogroll)", "navigation"} <= kinds


def test_an_article_s_own_list_of_sources_and_a_line_naming_a_few_are_kept(monkeypatch):
    sources = "<list rend='ul'>" + "".join(
        f"<item>{link}, the report the council published in spring on the state of the old bridge</item>"
        for link in _links("Inspection report", "Budget note", "Traffic study", "Ferry plan")) + "</list>"
    named = "<p>" + " ".join(_links("Harbour Times", "Ferry Weekly", "City News")) + "</p>"
    _extractor_keeps(monkeypatch, TEXT + sources + named)
    body = html_reader.read(PAGE).body
    assert "Traffic study" in body and "the state of the old bridge" in body and "Ferry Weekly" in body


def test_a_page_that_is_a_list_of_links_keeps_it(monkeypatch):
    links = "<list rend='ul'>" + "".join(f"<item>{link}</item>" for link in _links(
        *(f"Harbour story number {n}" for n in range(12)))) + "</list>"
    _extractor_keeps(monkeypatch, f"<p>{PARAGRAPHS[0]}</p>" + links)
    body = html_reader.read(PAGE).body
    assert "Harbour story number 11" in body


def test_the_import_report_explains_a_dropped_blogroll(cli, tmp_path, monkeypatch):
    _extractor_keeps(monkeypatch, TEXT + BLOGROLL)
    make_tree(tmp_path, {"in/roll.html": PAGE})
    ran = cli("import", tmp_path / "in", "--root", tmp_path / "r", "--explain")
    assert ran.code == 0, ran.err
    assert "link list (navigation, blogroll): Ann Example" in ran.out


def _teaser(title: str, start: str) -> str:
    return f"<list rend='ul'><item><ref target='https://example.org/{title.split()[0].lower()}'>{title}</ref></item></list>" \
        f"<p>{start} [...]</p>"


def test_other_posts_excerpts_cut_short_with_an_ellipsis_in_brackets_are_a_related_list(monkeypatch):
    teasers = (_teaser("Ferry fares rise", "The ferry company said on Monday that fares would go up by a tenth")
               + _teaser("New pier opens", "The harbour's new pier opened to walkers at the weekend after two years")
               + _teaser("Tunnel plan shelved", "Plans for a tunnel under the harbour were put aside by the council"))
    _extractor_keeps(monkeypatch, TEXT + teasers)
    imported = html_reader.read(PAGE)
    assert all(p[:40] in imported.body for p in PARAGRAPHS)
    assert "Ferry fares" not in imported.body and "under the harbour" not in imported.body
    assert ("related list", "Tunnel plan shelved") in imported.dropped


def test_one_quotation_cut_short_stays(monkeypatch):
    _extractor_keeps(monkeypatch, TEXT + "<p>The report ends: “the supports cannot carry the load [...]</p>")
    assert "cannot carry the load" in html_reader.read(PAGE).body


def test_a_list_of_other_stories_with_their_by_lines_and_days_is_a_related_list(monkeypatch):
    items = (("Watch the ferry's last crossing", "Ann Example"), ("Photos: the pier at night", "Bo Writer"),
             ("Tracks", "Cy Harbour"))
    stories = "<list rend='ul'>" + "".join(
        f"<item>{headline} By {who} on October 30, 2012 at 10:43 a.m.</item>" for headline, who in items) + "</list>"
    _extractor_keeps(monkeypatch, TEXT + stories)
    imported = html_reader.read(PAGE)
    assert "last crossing" not in imported.body and "pier at night" not in imported.body
    assert any(why == "related list" and "Bo Writer" in line for why, line in imported.dropped)


def test_a_blog_s_line_to_the_posts_before_and_after_is_left_out(monkeypatch):
    """"« Older post | Main | Newer post »", links alone split by bars, is navigation; a quotation in guillemets that
    is one link, and a line that names two sources with a bar between, are text."""
    pager = "<p>" + " | ".join(_links("« Ferries return", "Main", "Bridge reopens »")) + "</p>"
    kept = "<p>" + _links("« Nous fermons le pont »")[0] + "</p><p>" + " | ".join(_links("Harbour Times", "Ferry Weekly")) \
        + "</p>"
    _extractor_keeps(monkeypatch, TEXT + pager + kept)
    imported = html_reader.read(PAGE)
    assert "Ferries return" not in imported.body and "Bridge reopens" not in imported.body
    assert "Nous fermons le pont" in imported.body and "Ferry Weekly" in imported.body
    assert [why for why, block in imported.dropped if "Ferries return" in block] == ["navigation"]
