"""Which block of a saved page becomes the text: trafilatura's pass, outvoted when Readability and its
precision pass agree on another block. The extractors are staged (a real page that fools trafilatura's
default pass is large): each returns the block this test names for it."""

from __future__ import annotations

import pytest

from generator.ingest import html as html_reader
from generator.ingest import mainblock

ARTICLE = ("The harbour council voted on Tuesday to rebuild the old ferry pier before the winter storms. "
           "Engineers had warned in March that the timber piles were rotting faster than expected. "
           "The work starts in May and should take eleven weeks, the council's clerk said after the vote.")
MENU = ("Hot topics: Tides • Weather • Ferries Home Local Region Sport Business Culture Opinion Video Photos "
        "Most read Lifeboat crew honoured Fish market moves Tide tables for June Letters to the editor "
        "Crossword Puzzles Obituaries Subscribe Sign in Newsletter Contact us Advertise Jobs Archive")
PAGE = "<html><head><title>Pier to be rebuilt</title></head><body><p>placeholder</p></body></html>"


def _xml(text: str | list[str]) -> str:
    blocks = [text] if isinstance(text, str) else text
    return "<doc><main>" + "".join(b if b.startswith("<") else f"<p>{b}</p>" for b in blocks) + "</main><comments/></doc>"


@pytest.fixture
def staged(monkeypatch):
    """Stage the extractors: {pass name: text}; 'readability' is Readability's text. Counts the passes run."""
    runs: list[str] = []

    def stage(**texts):
        def extract(tree, favor_precision=False, favor_recall=False, **options):
            name = "precision" if favor_precision else "recall" if favor_recall else "default"
            if isinstance(tree, str):  # the page Readability's block makes
                name = "readability block"
            runs.append(name)
            return _xml(texts[name])

        class Readability:
            def __init__(self, tree, min_text_length=25):
                pass

            def summary(self):
                text = texts["readability"]
                return "<div>" + "".join(f"<p>{t}</p>" for t in ([text] if isinstance(text, str) else text)) + "</div>"

        monkeypatch.setattr(mainblock.trafilatura, "extract", extract)
        monkeypatch.setattr(mainblock, "_Readability", Readability)
        return runs

    return stage


def test_readability_and_the_precision_pass_outvote_a_pass_that_took_the_menu(staged):
    runs = staged(default=MENU, recall=MENU, precision=ARTICLE, readability=ARTICLE + " Photo: Ann Example")
    read = html_reader.read(PAGE)
    assert read.body.strip() == ARTICLE
    assert "Hot topics" not in read.body
    [(why, note)] = [d for d in read.dropped if d[0] == "block choice"]
    assert "precision pass" in note and "over its default pass" in note
    assert runs == ["default", "recall", "precision"]


def test_when_readability_agrees_no_third_pass_is_run(staged):
    runs = staged(default=ARTICLE, recall=ARTICLE, precision=MENU, readability=ARTICLE)
    read = html_reader.read(PAGE)
    assert read.body.strip() == ARTICLE
    assert not [d for d in read.dropped if d[0] == "block choice"]
    assert runs == ["default", "recall"]


def test_readability_alone_does_not_outvote_the_pass_taken(staged):
    staged(default=ARTICLE, recall=ARTICLE, precision=ARTICLE, readability=MENU)
    assert html_reader.read(PAGE).body.strip() == ARTICLE


def test_a_few_words_both_others_agree_on_do_not_replace_the_text(staged):
    """An error page's cookie box that Readability and the precision pass both take is not the article."""
    notice = "Choose how long to keep your cookie: one day, one month, one year."
    staged(default=ARTICLE, recall=ARTICLE, precision=notice, readability=notice)
    read = html_reader.read(PAGE)
    assert read.body.strip() == ARTICLE
    assert not [d for d in read.dropped if d[0] == "block choice"]


def test_the_recall_pass_taken_is_named_in_the_explanation(staged):
    staged(default=MENU, recall=ARTICLE, precision=ARTICLE, readability=ARTICLE)
    read = html_reader.read(PAGE)
    assert read.body.strip() == ARTICLE
    [(why, note)] = [d for d in read.dropped if d[0] == "block choice"]
    assert "recall pass" in note and "over its default pass" in note


LEFT_OUT = ("Divers who inspected the piles last week found that two of them had already split below the "
            "waterline, the clerk added.")


def test_a_paragraph_of_prose_that_only_readability_kept_is_put_back_in_its_place(staged):
    first, second = ARTICLE.split(". ", 1)
    teaser = "Ferry fares rise again: what the new timetable means for you… <ref target='https://example.org/x'>Read more</ref>"
    block = [first + ".", LEFT_OUT, "<list><item>Share on the harbour forum and win a year of free crossings today</item></list>",
             teaser, second]
    staged(default=[first + ".", second], recall=[first + ".", second], precision=MENU,
           readability=[first + ".", LEFT_OUT, "Share on the harbour forum", teaser, second], **{"readability block": block})
    read = html_reader.read(PAGE)
    assert read.body.strip().split("\n\n") == [first + ".", LEFT_OUT, second]
    [(why, note)] = [d for d in read.dropped if d[0] == "block choice"]
    assert note.startswith("added 1 paragraph of Readability's block that trafilatura left out: Divers who inspected")


def test_readability_s_block_cut_otherwise_is_merged_by_its_words(staged):
    """One paragraph of Readability's where the text has two (a link or a box splits one): what it adds after them
    goes after the text's block that ends where its paragraph ends."""
    first, second = ARTICLE.split(". ", 1)
    block = [ARTICLE, LEFT_OUT]
    staged(default=[first + ".", second], recall=[first + ".", second], precision=MENU,
           readability=[ARTICLE, LEFT_OUT], **{"readability block": block})
    read = html_reader.read(PAGE)
    assert read.body.strip().split("\n\n") == [first + ".", second, LEFT_OUT]
    [(why, note)] = [d for d in read.dropped if d[0] == "block choice"]
    assert note.startswith("added 1 paragraph of Readability's block that trafilatura left out: Divers who inspected")


def test_readability_s_block_cut_otherwise_adds_nothing_above_the_text_nor_twice():
    first, second = ARTICLE.split(". ", 1)
    caption = ("Engineers inspect the rotting timber piles of the old ferry pier from a small boat at low tide in "
               "March.")
    # the text holds LEFT_OUT, its link's edge written without a space: no second copy
    taken = "\n\n".join([first + ".", second, "Divers who inspected the piles last week found that two of them had "
                                               "already split below the[waterline](https://example.org/w), the clerk "
                                               "added."])
    fuller = "\n\n".join([caption, ARTICLE, LEFT_OUT])
    assert mainblock.merge(taken, fuller) == (taken, None)


def test_what_the_recall_pass_adds_is_taken_when_readability_takes_it_too(staged):
    first, second = ARTICLE.split(". ", 1)
    more = [LEFT_OUT, "The new pier will have a ramp for wheelchairs and prams, which the old one never had, "
                      "and lights along its whole length for the winter evenings."]
    staged(default=[first + "."], recall=[first + ".", *more, second], precision=[first + "."],
           readability=[first + ".", *more, second])
    read = html_reader.read(PAGE)
    assert read.body.strip().split("\n\n") == [first + ".", *more, second]
    [(why, note)] = [d for d in read.dropped if d[0] == "block choice"]
    assert "recall pass" in note and "Readability takes the same block" in note


def test_what_the_recall_pass_adds_stays_out_when_readability_does_not_take_it(staged):
    staged(default=ARTICLE, recall=[ARTICLE, MENU], precision=ARTICLE, readability=ARTICLE)
    assert html_reader.read(PAGE).body.strip() == ARTICLE


def test_a_heading_readability_keeps_does_not_place_what_follows_it_inside_a_word_of_the_text():
    """Readability's blocks are found in the text taken by whole words: its heading "Art of the ferry pier" is not
    the text's "restart of the ferry pier", so what it left out after the text's last block goes there."""
    first, second = ARTICLE.split(". ", 1)
    opening = "The council will debate the restart of the ferry pier works on Monday, its clerk said."
    taken = "\n\n".join([opening, first + ".", second])
    fuller = "\n\n".join([opening, f"{first}. {second}", "Art of the ferry pier", LEFT_OUT])
    merged, note = mainblock.merge(taken, fuller)
    assert merged.split("\n\n") == [opening, first + ".", second, LEFT_OUT]


def test_a_block_readability_keeps_is_judged_a_paragraph_in_linear_time():
    """Scraped text has long lines of odd characters: a line of "](" was tried for a link from each one."""
    import time

    start = time.perf_counter()
    assert not mainblock._is_paragraph("\\](" * 100_000)
    assert time.perf_counter() - start < 1  # (25 s when "](" was tried at every one for a link that ends the block)


def test_a_heading_that_echoes_the_text_above_it_places_what_follows_it_under_itself():
    """Readability's blocks come in the text's order: its heading "What the harbour council decided" is the text's
    heading, not the same words in the first paragraph, and what it left out after the heading goes under it."""
    first, second = ARTICLE.split(". ", 1)
    opening = "Residents gathered at the town hall on Tuesday evening to hear what the harbour council decided."
    heading = "What the harbour council decided"
    taken = "\n\n".join([opening, first + ".", second, heading])
    fuller = "\n\n".join([opening, f"{first}. {second}", heading, LEFT_OUT])
    merged, note = mainblock.merge(taken, fuller)
    assert merged.split("\n\n") == [opening, first + ".", second, heading, LEFT_OUT]


def test_a_long_page_cut_otherwise_is_merged_in_linear_time():
    """A forum's thread of thousands of posts: each of Readability's blocks was searched for in all of the text."""
    import time

    def post(n: int) -> str:
        return " ".join(f"w{n}x{k}" for k in range(40)) + "."

    mine = [post(n) for n in range(6000)]
    theirs = [f"{m} " if n % 2 else post(n + 10**6) for n, m in enumerate(mine)]  # half of them not in the text
    start = time.perf_counter()
    merged, note = mainblock.merge("\n\n".join(mine), "\n\n".join(theirs))
    assert time.perf_counter() - start < 3  # (7 s when each block was searched for in the 2 MB of text)
    blocks = merged.split("\n\n")  # all but the first of those not in the text, each after its predecessor
    assert len(blocks) == 6000 + 2999 and blocks[1:5] == [mine[1], theirs[2], mine[2], mine[3]]
