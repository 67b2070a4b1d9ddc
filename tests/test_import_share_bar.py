"""A share bar between the article's paragraphs (after the lead, in the middle of a long story) drops only itself:
the story goes on under it. Under the text, followed by comments, a list of other stories or a footer, it still ends
the text. In scraped text and in html (the two read their endings with endings.py). Our own small pages."""

from __future__ import annotations

import pytest

from generator.ingest import html as html_reader
from generator.ingest import text
from generator.ingest.endings import story_goes_on
from tests.helpers import FERRY_ARTICLE, FERRY_HEADLINE, FERRY_PARAGRAPHS

LATER = [
    "Ferry workers welcomed the change but asked for more staff on the early boats, their union said in a "
    "letter to the council on Wednesday.",
    "The company said it would hire six deckhands before March and train them on the older boats first, "
    "so that the early crossings are not cancelled for lack of crew.",
]
COMMENT = ("About time. I have missed the first crossing every morning for two years and my boss has noticed it, "
           "so this is the best news I have had all winter.")
COMMENT_2 = ("And the late boat on Saturdays means we can finally see a film in town and still get home, which "
             "nobody on the council seemed to care about until now.")

BARS = ["Share this:\n\nFacebook\n\nTwitter\n\nEmail", "Do you like this story?", "Liked this post?",
        "Tweet 0 comments | Add comment | 0 recs |", "Follow us on Facebook\n\nFollow me on Twitter"]


def _text(after: str) -> str:
    return f"{FERRY_HEADLINE}\nBy Jane Roe\n\n{FERRY_ARTICLE}\n\n{after}\n"


def _bar_lines(bar: str) -> list[str]:
    return bar.split("\n\n")


@pytest.mark.parametrize("bar", BARS)
def test_a_share_bar_between_paragraphs_drops_only_itself_in_text(bar):
    record = text.read(_text(bar + "\n\n" + "\n\n".join(LATER)))
    assert all(p in record.body for p in FERRY_PARAGRAPHS + LATER), record.body
    assert ("share bar", _bar_lines(bar)[0]) in record.dropped
    assert _bar_lines(bar)[0] not in record.body


@pytest.mark.parametrize("after", [
    "12 Comments\n\nFerryFan\n\n" + COMMENT + "\n\n" + COMMENT_2,  # a thread under its heading
    "FerryFan says:\n\n" + COMMENT + "\n\n" + COMMENT_2,  # a signature over a comment of two paragraphs
    "2 thoughts on “Harbour council approves new ferry timetable”\n\n" + COMMENT + "\n\n" + COMMENT_2,
    "Leave a Reply\n\n" + COMMENT + "\n\n" + COMMENT_2,
])
def test_a_share_bar_followed_by_comments_ends_the_text(after):
    record = text.read(_text("Share this:\n\nFacebook\n\nTwitter\n\n" + after))
    assert all(p in record.body for p in FERRY_PARAGRAPHS)
    assert "About time" not in record.body and "film in town" not in record.body, record.body


@pytest.mark.parametrize("after", [
    "More from the Gazette\n\nStorm closes the coast road for a day\n\n" + "\n\n".join(LATER),
    "Most popular\n\n" + "\n\n".join(LATER),
    # the teasers of a list: headlines ending in a tag, each printed twice
    "\n\n".join(["Son of the harbour master returns home to thank the crews that saved him at sea [+video]"] * 2),
    "\n\n".join([LATER[0]] * 2),
])
def test_a_share_bar_followed_by_a_list_of_stories_ends_the_text(after):
    record = text.read(_text("Share this:\n\n" + after))
    assert all(p in record.body for p in FERRY_PARAGRAPHS)
    assert "deckhands" not in record.body and "Ferry workers" not in record.body and "harbour master returns" \
        not in record.body, record.body


def test_a_share_bar_followed_by_a_single_paragraph_or_a_footer_ends_the_text():
    record = text.read(_text("Share this:\n\n" + LATER[0]))  # one paragraph: a teaser, an author's note
    assert "Ferry workers" not in record.body
    record = text.read(_text("Share this:\n\nTags: ferries, harbour council\n\n" + "\n\n".join(LATER)))
    assert "Ferry workers" not in record.body


def test_the_look_ahead_reads_a_few_lines_past_the_bar_and_stops_at_a_block_that_is_no_paragraph():
    bar = ["Share this:", "Facebook", "Twitter"]
    assert story_goes_on(bar + LATER, 0)
    assert not story_goes_on(bar + [None] + LATER, 0)  # a list between: other stories
    assert not story_goes_on(bar + ["Button"] * 9 + LATER, 0)  # more than a bar's worth of short lines
    assert not story_goes_on(bar + LATER[:1] + ["Related"] + LATER[1:], 0)  # the run of prose is broken
    assert not story_goes_on(["Share this:", LATER[0][:-1] + ":", LATER[1]], 0)  # a label, no sentence


def _html(after: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in FERRY_PARAGRAPHS)
    return (f"<html><head><title>{FERRY_HEADLINE}</title></head><body><h1>{FERRY_HEADLINE}</h1>"
            f"<article>{paragraphs}{after}</article></body></html>")


def test_a_share_bar_between_paragraphs_drops_only_itself_in_html():
    later = "".join(f"<p>{p}</p>" for p in LATER)
    record = html_reader.read(_html("<p><strong>Share this:</strong></p>" + later))
    assert all(p in record.body for p in FERRY_PARAGRAPHS + LATER), record.body
    assert "Share this" not in record.body
    assert ("share bar", "Share this:") in record.dropped


def test_a_share_bar_followed_by_comments_or_a_list_of_stories_ends_the_text_in_html():
    comments = f"<p>FerryFan says:</p><p>{COMMENT}</p><p>{COMMENT_2}</p>"
    stories = "<ul>" + "".join(f"<li><a href='/s{i}'>{p}</a></li>" for i, p in enumerate(LATER)) + "</ul>"
    for after in (comments, stories):
        record = html_reader.read(_html("<p><strong>Share this:</strong></p>" + after))
        assert all(p in record.body for p in FERRY_PARAGRAPHS)
        assert "About time" not in record.body and "deckhands" not in record.body, record.body


def test_a_share_bar_after_every_pair_of_paragraphs_counts_the_prose_once(monkeypatch):
    # Each bar asks whether enough prose stands before it: counted as the paragraphs come, not summed again at
    # each bar (1,000 bars took a million word counts). Counts, not timings.
    paragraph = FERRY_PARAGRAPHS[0]
    bars = 1_000
    page = f"{FERRY_HEADLINE}\n\n" + "\n\n".join(FERRY_PARAGRAPHS) + "\n\n" + "\n\n".join(
        f"Share\n\n{paragraph} ({n}.)\n\n{paragraph} (again {n}.)" for n in range(bars)) + "\n"
    counted = []
    monkeypatch.setattr(text, "words", lambda block: counted.append(block) or len(block.split()))
    record = text.read(page)
    assert record.body.count("(again ") == bars  # every pair after its bar is kept
    assert len(counted) <= 5 * (3 * bars + len(FERRY_PARAGRAPHS))
