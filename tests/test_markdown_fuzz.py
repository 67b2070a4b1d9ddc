"""Fuzz the body renderer: random Markdown from CommonMark and HTML fragments never crashes it, and
what it writes is sanitised and the same every time. FUZZ_EXAMPLES=5000 for a longer run."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.render import markdown, nesting

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))

INLINE = [
    "word", " ", "  ", "*", "**", "_", "__", "~~", "`", "``", "[", "]", "(", ")", "![", "](", "<", ">", "&", "\\",
    "&amp;", "&#x26;", "&#0;", "&lt;script&gt;", "&nbsp;", "\u00a0", "£", "€", "😀", "\x00", "\ufffd", "\t",
    "[a](b)", "[a](javascript:alert(1))", "[a](JaVaScRiPt:alert(1))", "[a](java\tscript:alert(1))",
    "![i](x.png)", "![i](javascript:alert(1))", "![i](https://cdn.example/a.png)", "![<b>i</b>](y.png)",
    "<https://example.org/%41>", "<mailto:a%40b>", "<javascript:alert(1)>", "[^1]", "^[x]",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>",
    "<svg onload=alert(1)>", "<b onclick=\"x()\">b</b>", "<iframe src=//evil.example>", "<style>*{}</style>",
    "<div>", "</div>", "<span>", "</span>", "<!--", "-->", "<!-- c -->", "<![CDATA[x]]>", "<?php ?>",
    "<a href='vbscript:x'>v</a>", "<img src=\"data:text/html,<script>alert(1)</script>\">", "<h2>raw</h2>",
    "<details open ontoggle=alert(1)>", "<math><mi xlink:href=javascript:alert(1)>",
]
LINE_STARTS = ["", "# ", "## ", "### ", "> ", "- ", "* ", "1. ", "2) ", "    ", "| ", "|---|---|", "```", "~~~", "---",
               "[a]: javascript:alert(1)", "[a]: /b", "[^1]: note", "<div>", "<pre>", "<script>", "<!--"]

line = st.builds(
    lambda start, parts: start + "".join(parts),
    st.sampled_from(LINE_STARTS),
    st.lists(st.one_of(st.sampled_from(INLINE), st.text(max_size=8)), max_size=12),
)
nested = st.builds(  # deep containers and emphasis runs, around the nesting limits
    lambda marker, depth, text: marker * depth + text,
    st.sampled_from(["> ", ">", "- ", "1. ", "  - ", "*", "_", "[", "<div>", "<b>", "![", "~~"]),
    st.one_of(st.integers(0, 30), st.sampled_from([500, 2001, 5000])),
    st.sampled_from(["x", " x", "x*", "x]", "x</div>", ""]),
)
long_line = st.builds(lambda part, count: part * count, st.sampled_from(INLINE), st.integers(200, 3000))
bodies = st.lists(st.one_of(line, line, line, nested, long_line, st.just("")), max_size=25).map(
    lambda lines: "\n".join(lines) + "\n"
)


class Unsafe(HTMLParser):
    """Every way the output could run script: a script element, an on* handler, a script URL."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "style", "svg", "math"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "xlink:href") and value is not None:
                plain = re.sub(r"[\x00-\x20]", "", value).lower()
                if plain.startswith(("javascript:", "vbscript:", "data:")):
                    self.found.append(f"{tag} {name}={value!r}")


@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(bodies)
def test_the_renderer_never_crashes_and_writes_only_safe_html_the_same_every_time(body):
    try:
        html = str(markdown.render(markdown.new_renderer(), body))
    except nesting.TooDeep as exc:  # refused at a line of the body: as good as rendered
        assert 1 <= exc.line <= body.count("\n") + 1
        return
    again = str(markdown.render(markdown.new_renderer(), body))
    assert again == html
    checker = Unsafe()
    checker.feed(html)
    checker.close()
    assert not checker.found, (checker.found, body[:300])
