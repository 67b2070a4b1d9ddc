"""The words of some HTML: what search counts and snippets show of an article body.

Apart from markdown.py, so that the search code (which a patch build runs in a
process of its own) does not import the Markdown engine to read its output.
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]+>")


def plain_text(html_text: str) -> str:
    """The words of some HTML, tags dropped, entities decoded, white space folded."""
    # str.split() splits at exactly the characters `\s` matches (Py_UNICODE_ISSPACE), faster
    return " ".join(unfolded_text(html_text).split())


def unfolded_text(html_text: str) -> str:
    """`plain_text` before its white space is folded: the same words, for whoever splits them anyway."""
    return html.unescape(_TAG.sub(" ", html_text))
