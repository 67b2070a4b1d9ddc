"""Bodies nested deeper than the engines render safely are problems at their line, never a crash or a stall."""

from __future__ import annotations

import pytest

from generator.executors import processes
from generator.render import markdown, nesting
from tests.helpers import article, make_tree

DEEP = 100_000


def rendered_elsewhere(text: str):
    """render(text) in a forked process: a crash there is a failure here, not the end of the test run."""
    def outcome():
        try:
            return "html", str(markdown.render(markdown.new_renderer(), text))
        except nesting.TooDeep as exc:
            return "too deep", exc.line
    return processes.Background(outcome).result()


@pytest.mark.parametrize("body, line", [
    (">" * DEEP + " x\n", 1),  # the issue's: a segmentation fault in markdown-it-pyrs
    ("Intro.\n\n" + "- " * DEEP + "x\n", 3),
    ("Intro.\n\n" + "> - " * 30 + "x\n", 3),
    ("".join("  " * depth + "- a\n" for depth in range(12)), 10),  # lists nested by indentation
    ("*" * DEEP + "x" + "*" * DEEP + "\n", 1),  # 50,000 nested <strong>: a crash, else a minute in nh3
    ("Intro.\n\n" + "<div>" * DEEP + "x" + "</div>" * DEEP + "\n", 3),  # a minute in nh3
])
def test_a_body_nested_too_deep_is_refused_at_its_line(body, line):
    assert rendered_elsewhere(body) == ("too deep", line)


@pytest.mark.parametrize("body", [
    "> " * 19 + "deepest words\n",
    "".join("  " * depth + "- deepest words\n" for depth in range(9)),
    "<div>" * 1000 + "deepest words" + "</div>" * 1000 + "\n",
    "*" * 1000 + "deepest words" + "*" * 1000 + "\n",
    "    " * 40 + "code, deepest words\n",  # deep indentation that opens nothing
    "-" * 80 + "\n\ndeepest words\n",
])
def test_nesting_up_to_the_limit_renders_every_word_alike_in_both_engines(body):
    md = markdown.new_renderer()
    html = str(markdown.render(md, body))
    assert "deepest words" in html
    assert md.html(body) == md.reference.render(body)


def test_a_deep_body_is_a_build_problem_at_its_line_of_the_file(tmp_path, cli):
    root = make_tree(tmp_path / "news", {
        "archive.yaml": "title: Newsroom\n",
        "content/2020/deep.md": article("title: Deep\npublished: 2020", "First paragraph.\n\n" + ">" * DEEP + " x\n"),
        "content/2020/fine.md": article("title: Fine\npublished: 2020"),
    })
    ran = cli("build", "--root", root, "--jobs", "1")
    assert ran.code == 1, ran.err
    assert f"{root}/content/2020/deep.md:8: quotes and lists are nested too deep here" in ran.err
    assert not (root / "site").exists()


def test_a_deep_body_is_reported_beside_a_front_matter_error_of_the_same_file(tmp_path, cli):
    # every problem of a run at once: a broken front-matter does not hide the body's, nor crash on it
    root = make_tree(tmp_path, {"content/deep.md": "---\ntitle: [broken\n---\n\n" + ">" * 100_000 + " x\n"})
    ran = cli("build", "--root", root)
    assert ran.code == 1
    lines = [line for line in ran.err.splitlines() if line.startswith(f"{root}/content/deep.md:")]
    assert len(lines) == 2 and "nested too deep" in lines[1] and lines[1].startswith(f"{root}/content/deep.md:5:")


def test_a_long_rule_or_heading_underline_costs_no_second_parse():
    # A line of 16+ dashes looked like deep list markers: every such body was parsed twice.
    parsed = []
    nesting.check_blocks("Text\n\n" + "-" * 40 + "\n\nTitle\n" + "=" * 30 + "\n\n* * * * * * * * * *\n",
                         lambda text: parsed.append(text) or [])
    assert parsed == []
