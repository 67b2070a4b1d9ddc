"""Tricky Markdown bodies, for comparing the fast engine with the reference (tests/test_markdown.py).

`CASES` are written by hand, one construct or pitfall each; `generated(n)` glues random
pieces of them (and of `PIECES`) into longer bodies, the same ones on every run.
"""

from __future__ import annotations

import random

CASES = [
    # headings and their ids
    "## A heading\n",
    "## Same\n\n## Same\n\n### Same\n\n#### Same\n\n## Same-1\n\n## Same\n",
    "# Top\n\n##### Five\n\n###### Six\n\n## Two\n",
    "## A `code` & <span>raw</span> *em* **strong** ~~gone~~ [link](https://x.example/ 't')\n",
    "## Title with ![a picture](pic.png) and ![remote](https://cdn.example/p.png)\n",
    "## ![only a picture](pic.png)\n\n## \n\n## ###\n\n## 😀 emoji\n",
    "Setext *heading*\nover two lines  \nwith a break\n---\n\nAnother\n===\n",
    "## Caf&eacute; &amp; cr&egrave;me &#x27;quoted&#39; &nbsp;x\n",
    "## Ünïcödé Straße Ελληνικά 中文 русский\n",
    "> ## Quoted heading\n> text\n\n- ## Listed heading\n",
    "## Escaped \\*not em\\* \\<b> `a<b>` \\\n",
    "## <b>bold</b> raw\n",
    "## a <!-- c > d --> b\n",
    "##\tTab\n\n ## indented\n\n    ## code not heading\n",
    "## Trailing hashes ##\n\n## Trailing \\##\n",
    "## " + "very long heading words " * 10 + "\n",
    # images
    "![pic](https://cdn.example/a.png)\n",
    "![pic](photo.png)\n\n![pic](/photos/a.png \"A title\")\n\n![](empty-alt.png)\n\n![](https://cdn.example/x.png)\n",
    "![x](javascript:alert(1))\n\n![x](//cdn.example/a.png)\n\n![x](JaVaScRiPt:alert(1))\n\n![x](data:image/png;base64,AAAA)\n",
    "![x](\\\\cdn.example/a.png)\n\n![x](/\\\\cdn.example/a.png)\n\n![x](<a b.png>)\n\n![x](a%20b.png)\n",
    "![alt with *em* and `code` and [link](u)](pic.png)\n\n![outer ![inner](i.png)](o.png)\n",
    "![alt \"quoted\" 'single' & <amp>](https://cdn.example/q.png)\n",
    "[![linked image](pic.png)](https://x.example/)\n\n[![remote](https://cdn.example/r.png)](https://x.example/)\n",
    "![ref image][img]\n\n[img]: https://cdn.example/ref.png \"T\"\n",
    "![local ref][loc]\n\n[loc]: ./pics/a.png\n",
    "![x](http://cdn.example/a.png?q=1&r=2#f)\n\n![x](pic.png?q='1')\n",
    "![a\nb](pic.png)\n\n![a  \nb](https://cdn.example/x.png)\n",
    "![x](ftp://host/a.png) ![x](mailto:a@b) ![x](file:///etc/passwd) ![x](?q) ![x](#f)\n",
    # raw HTML
    "<script>alert(1)</script>\n",
    "<div onclick=\"x()\">\n*not markdown*\n</div>\n\n<div>\n\n*markdown*\n\n</div>\n",
    "<img src=\"x.png\" onerror=\"alert(1)\">\n",
    "<img src=\"https://cdn.example/a.png\" alt=\"a\" />\n",
    "Text <IMG SRC=\"//cdn.example/a.png\"> inline\n",
    "<h2>Raw heading</h2>\n\n## Markdown heading\n",
    "<H3 id=\"keep\">raw</H3>\n",
    "<table><tr><td>*raw table*</td></tr></table>\n",
    "<!-- a comment -->\n\n<?php echo 1; ?>\n\n<!DOCTYPE html>\n\n<![CDATA[ x ]]>\n",
    "<pre>\n**not bold**\n\n</pre>\n",
    "<style>p{color:red}</style>\n\n<textarea>\n*x*\n</textarea>\n",
    "inline <span style=\"color:red\" onmouseover=\"x\">span</span> and <a href=\"javascript:x\">a</a>\n",
    "<a href=\"https://x.example/\" title=\">\">tricky</a>\n",
    "<svg><script>alert(1)</script></svg>\n\n<iframe src=\"https://evil.example/\"></iframe>\n",
    "<details><summary>S</summary>\n\nHidden *text*\n\n</details>\n",
    "<div>x</div>",
    "no trailing newline",
    "<div>\nnot closed\n",
    # lists
    "- a\n- b\n  - c\n    - d\n\n      para in d\n- e\n",
    "1. one\n2. two\n   1) nested\n   2) nested\n10. ten\n",
    "* a\n\n* loose\n\n+ new list\n- another\n",
    "- ```\n  code in list\n  ```\n- > quote in list\n-\n  empty start\n",
    "3. start at three\n4. four\n\n1986\\. not a list\n",
    "- [ ] not a task list here\n- [x] done\n",
    # links
    "[inline](https://x.example/ \"title\") [rel](../a) [empty]() [angle](<a b>)\n",
    "[ref] [Ref] [full][ref] [collapsed][]\n\n[ref]: https://x.example/ref 'T'\n[collapsed]: /c\n",
    "[ẞ]\n\n[SS]: /case-fold\n",
    "<https://x.example/auto> <mailto:a@b.example> <a@b.example> <irc://x>\n",
    "<https://x.example/a%20b> <https://xn--n3h.example/>\n",
    "[l](https://☃.example/) [l](http://[::1]/) [l](mailto:a@ü.example) [l](//ü.example/)\n",
    "[l](http://&#9731;.example) [l](https://x.example/ä?ö=ü#ß) [l](https://x.example/%E2%98%83)\n",
    "[l](https://x.example/\u00a0) [l](https://x.example/a\u3000)\n",
    "[javascript](javascript:alert(1)) [vb](vbscript:x) [data](data:text/html,x) [img data](data:image/png;base64,x)\n",
    "https://bare.example/not-linked www.example.com\n",
    "[l](https://x.example/'\"<>) [l](https://X.EXAMPLE/Path)\n",
    "[a](b (c)) [nested [brackets]](u) [l](u \"t\" )\n",
    # entities and escapes
    "&copy; &nbsp; &ngE; &#0; &#x110000; &bogus; &AMP; &amp;amp; &#X41;\n",
    "\\*a\\* \\_b\\_ \\# \\> \\[c\\] \\\\ \\` \\| \\~\n",
    "a  \nb\\\nc\nd\n",
    "x\0y\n\ncarriage\r\nreturns\rhere\n",
    "Tabs\tin\ttext\n\n\tcode with tab\n",
    # code
    "```python\n<script>x</script> & <b>\n```\n",
    "```\nunclosed fence\n",
    "~~~ info with `backtick`\n~~~\n\n```` \n```\n````\n",
    "    indented <div>code</div>\n    &amp;\n",
    "`inline <b>code</b>` and ``double ` tick`` and `unclosed\n",
    # emphasis and strikethrough
    "*a **b** c* _a __b__ c_ ***a*** **a*b*c**\n",
    "~~strike~~ ~single~ ~~~triple~~~ ~~a ~~b~~ c~~\n",
    "foo*bar*baz foo_bar_baz *(*foo*)* **foo \"*bar*\" foo**\n",
    # tables
    "| a | b |\n|---|---|\n| `x|y` | `a\\|b` |\n| **c** | [l](u) |\n",
    "| left | center | right |\n|:-----|:------:|------:|\n| 1 | 2 | 3 |\n| 4 |\n| 5 | 6 | 7 | 8 |\n",
    "a | b\n--|--\n1 | 2\n\n| not | table |\n|---|\n",
    "Para\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "| a |\n|---|\n| b |\nc\n\n> | q |\n> |---|\n> | x |\n",
    "| a | b |\n|---|---|\n| <img src=x> | ![i](https://cdn.example/t.png) |\n",
    # footnotes
    "Text[^1] and again[^1] and [^n].\n\n[^1]: One.\n[^n]: Two\n    more.\n",
    "Inline^[an inline note] footnote.\n",
    "Unused[^x].\n\n[^y]: unused definition\n",
    "## Heading[^h]\n\n[^h]: note\n",
    "[^1]: Definition first\n\nThen use[^1].\n",
    # block quotes, rules, misc
    "> a\n> > nested\n> > > deeper\n>\n> back\n",
    "***\n---\n___\n* * *\n",
    "Line one\nLine two\n\n\n\nAfter blanks\n",
    "",
    "\n",
    "   \n  \n",
    "\u2028line\u2029separators\ufeffbom\n",
    "Right-to-left \u202etext\u202c and zero\u200bwidth\n",
    # CommonMark 0.31: symbols are punctuation beside delimiters; short comments
    "a*£5*b x*€*y **©**a a**€**b a*😀*b a~~€~~b a*°*b x**¬**y 1*−*2 «*a*» *a*€\n",
    "x <!--> y <!---> z\n",
    # white space beyond ASCII (Python's strip() and the fast engine's differ)
    "\xa0Leading and trailing no-break spaces\xa0\n\n## \xa0Heading\xa0\n\n- \u2003item\n",
    "| \xa0a\xa0 | b\u3000 |\n|---|---|\n| \u2003c | d |\n",
    "Mid\xa0paragraph\xa0spaces and a line\xa0\nbreak\n\n\u3000ideographic\n",
    "[a](\xa0b) [c](<d\xa0>) ![e](\xa0f.png)\n",
    "x\x0b\n\ny\x0c\n\n\x1cz\x1f\n\n\x85w\n",
]

# Shorter pieces to glue together.
PIECES = [
    "Plain paragraph of text.", "## Heading", "## Heading", "### Sub *heading*", "#### Deep `code`",
    "![pic](pic.png)", "![remote](https://cdn.example/r.png)", "![x](//h.example/a.png)",
    "[link](https://x.example/)", "[ref]", "[ref]: https://x.example/r", "<div>raw</div>",
    "<span>inline</span> raw", "- a\n- b", "1. a\n2. b", "> quote", "```\ncode\n```", "    indented",
    "| a | b |\n|---|---|\n| 1 | `2` |", "**bold** *em* ~~del~~", "&amp; &copy; &#35;", "a  \nb",
    "Text[^1].", "[^1]: Note.", "<https://x.example/auto>", "***", "Setext\n---", "`a<b>`",
    "\xa0", "\u3000", "\u2028", "  ", "\\", "<", "![", "](", "*", "_", "`", "|", "#", ">", "- ", "1. ", "[", "]",
    "&", "~~", "\t", "<b>", "</b>", "https://x.example/", "(", ")", "\"", "'",
    ">", "> ", "-", "2. x", "1.", "* * *", "    ", "```", "~~~", "===", "---", "[x]: /u", "[x]", "<div>", "</div>",
    "<!--", "-->", "!", "**", "__", "\n", "\u00e9", "\u2003", "ẞ", "&nbsp;", "&#x20;", "\\|", "xn--", "%20",
    "£", "€", "°", "😀", "«", "»", "−", "©", "a*€*b", "x**£5**y", "<!-->", "<!--->", "é*x*é",
    "<https://x.example/%41>", "<a@b.example>", "[l](https://ü.example/)", "[l](<u v>)", "| x |", "|---|",
]


def generated(count: int, seed: int = 1, keep=None) -> list[str]:
    """`count` bodies glued from pieces (those `keep` accepts, if given)."""
    rng = random.Random(seed)
    pool = [piece for piece in PIECES + [case.strip("\n") for case in CASES if case.strip()] if keep is None or keep(piece)]
    bodies = []
    for _ in range(count):
        parts = [rng.choice(pool) for _ in range(rng.randint(1, 8))]
        separators = [rng.choice(["\n\n", "\n\n", "\n", " ", ""]) for _ in parts]
        body = "".join(part + separator for part, separator in zip(parts, separators))
        bodies.append(body.rstrip("\n") + rng.choice(["\n", "\n", ""]))
    return bodies
