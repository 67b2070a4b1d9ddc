"""The front-matter codec: split a file into YAML and Markdown, and join them back.

Dumping goes through the YAML library, never string building, so any title
(`: `, ` #`, quotes, non-ASCII) survives a round trip.
"""

from __future__ import annotations

from typing import Any

import yaml

FENCE = "---"


class SplitError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def split(text: str) -> tuple[str, int, str, int]:
    """Return (yaml_text, yaml_first_line, body, body_first_line)."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != FENCE:
        raise SplitError(1, "no front-matter: an article starts with a '---' line, then YAML, then '---'")
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() in (FENCE, "..."):
            yaml_text = "".join(lines[1:index])
            rest = lines[index + 1 :]
            blank = 0
            while blank < len(rest) and not rest[blank].strip():
                blank += 1  # the blank lines after the fence are layout, not body
            return yaml_text, 2, "".join(rest[blank:]), index + 2 + blank
    raise SplitError(1, "front-matter is not closed: add a '---' line after the YAML")


class _Dumper(yaml.SafeDumper):
    """Block style, no line folding, keys in the order given."""

    def ignore_aliases(self, data: Any) -> bool:
        return True  # one object twice is written twice: the reader refuses &anchors and *aliases


# Line breaks other than \n: PyYAML writes them raw in quoted and block scalars, where
# reading folds them into spaces; in double quotes it escapes them.
_OTHER_BREAKS = frozenset("\r\x85\u2028\u2029")


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if not value.isascii() or "\r" in value:
        if not _OTHER_BREAKS.isdisjoint(value):
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def join(data: dict[str, Any], body: str) -> str:
    """Front-matter and body as one file's text."""
    dumped = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=10_000,
    )
    body = body.lstrip("\n")
    return f"{FENCE}\n{dumped}{FENCE}\n\n{body}" if body else f"{FENCE}\n{dumped}{FENCE}\n"
