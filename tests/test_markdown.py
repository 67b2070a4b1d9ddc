"""Article bodies: Markdown rendered, untrusted HTML sanitised, nothing loaded from outside."""

import re

import pytest

from generator import markdown


@pytest.fixture(scope="module")
def md():
    return markdown.new_renderer()


def test_markdown_features(md):
    html = str(markdown.render(md, "## A heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1] ~~gone~~\n\n[^1]: Note.\n"))
    assert '<h2 id="a-heading">A heading</h2>' in html
    assert "<table>" in html and "<td>1</td>" in html
    assert 'class="footnote-ref"' in html and "<s>gone</s>" in html


@pytest.mark.parametrize("body", [
    "<script>alert(1)</script>",
    '<img src="x.png" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<div style="background:url(https://evil.example/x)">x</div>',
    '<iframe src="https://evil.example/"></iframe>',
    '<svg><script>alert(1)</script></svg>',
])
def test_scripts_handlers_styles_and_frames_are_removed(md, body):
    html = str(markdown.render(md, body))
    assert not re.search(r"<script|onerror|javascript:|style=|<iframe|evil\.example", html), html


@pytest.mark.parametrize("body", [
    "![pic](https://cdn.example/a.png)",
    '<img src="https://cdn.example/a.png">',
    '<img src="//cdn.example/a.png">',
    '<img src="\\/cdn.example/x.png">',
    '<img src="/\\cdn.example/a.png">',
    '<img src="ht&#9;tps://cdn.example/t.png">',
    '<img src=" https://cdn.example/s.png">',
])
def test_remote_images_are_never_loaded(md, body):
    html = str(markdown.render(md, body))
    assert not re.search(r"<img[^>]*src=\"[^\"]*cdn", html), html


def test_a_remote_markdown_image_becomes_a_link(md):
    html = str(markdown.render(md, "![A tank](https://cdn.example/a.png)"))
    assert '<a class="remote-image" href="https://cdn.example/a.png"' in html
    assert "Image (not archived): A tank" in html


def test_local_images_stay(md):
    assert '<img src="photo.png" alt="x">' in str(markdown.render(md, "![x](photo.png)"))
