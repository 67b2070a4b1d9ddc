"""Copyright notices are taken by their shape and place; prose that speaks of copyright stays prose."""

from __future__ import annotations

from generator.ingest import html as html_reader
from generator.ingest import text

WIRE = """\
Court sides with film maker over drone footage

By Ann Example

June 3, 2021

WASHINGTON (Reuters) - A federal appeals court on Thursday ruled that a documentary maker may use drone footage of a flooded town that a television production company had filmed first.

The production company said it owns the copyright to the footage and will ask the full court to rehear the case, a spokeswoman said in a statement.

The ruling overturns a decision by a district judge who had found that the film maker's use of the footage was not a fair use under the law.

Lawyers for the film maker said the decision would protect journalists who rely on footage shot by others in the public interest.
"""

PARAGRAPHS = [p for p in WIRE.split("\n\n")[3:]]


def test_a_paragraph_about_copyright_stays_in_the_text():
    record = text.read(WIRE)
    assert record.rights == ()
    body = record.body
    assert body.startswith("A federal appeals court on Thursday")
    for paragraph in PARAGRAPHS[1:]:
        assert paragraph.strip() in body
    assert len(body.strip().split("\n\n")) == 4


def test_a_copyright_line_after_the_text_is_still_its_rights():
    record = text.read(WIRE + "\n© 2021 Example Wire Services. All rights reserved.\n\nMost Popular Stories\n")
    assert record.rights == ("© 2021 Example Wire Services. All rights reserved.",)
    assert len(record.body.strip().split("\n\n")) == 4
    assert "Example Wire Services" not in record.body and "Most Popular" not in record.body
    record = text.read(WIRE + "\nCopyright 2021 Example Wire Services\n")
    assert record.rights == ("Copyright 2021 Example Wire Services",)


def test_a_notice_shaped_line_between_paragraphs_cuts_nothing():
    notice = "© 2021 Example Wire Services. All rights reserved."
    paragraphs = WIRE.split("\n\n")
    record = text.read("\n\n".join(paragraphs[:5] + [notice] + paragraphs[5:]))
    assert record.rights == ()
    assert "Lawyers for the film maker" in record.body and notice in record.body


def _page(paragraphs: list[str], footer: str = "") -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang='en'><head><title>Court sides with film maker</title></head><body>"
            f"<main><article><h1>Court sides with film maker</h1>{body}</article></main>"
            f"<footer><p>{footer}</p></footer></body></html>")


def test_the_html_importer_keeps_a_short_paragraph_about_copyright():
    paragraphs = [
        "A federal appeals court on Thursday ruled that a documentary maker may use drone footage of a flooded town.",
        "The company said it owns the copyright to the footage.",
        "The ruling overturns a decision by a district judge who had found that the use was not fair.",
        "Lawyers for the film maker said the decision would protect journalists who rely on footage shot by others.",
    ]
    record = html_reader.read(_page(paragraphs, footer="© 2021 Example Wire Services. All rights reserved."))
    for paragraph in paragraphs:
        assert paragraph in record.body
    assert "Example Wire Services" not in record.body
