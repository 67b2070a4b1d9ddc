"""YAML read into values that remember their line, so every error can name it.

Scalars keep their source text as well as the value PyYAML would give them:
schema code reads `title: 1984` as the text "1984", and dates are parsed from
their text, never from PyYAML's guesses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union

import yaml

# libyaml when PyYAML was built with it: several times faster at composing.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Deeper than any real front-matter or setting; deep enough trees overflow Python's stack.
MAX_DEPTH = 64
# An anchor or alias is &name or *name after a space, a line break or a flow indicator.
_BEFORE_ALIAS = frozenset(" \t\r\n[{,:")
_NOT_IN_NAME = frozenset(" \t\r\n[]{},")
_QUOTE_HINT = "; a value containing ': ' or ' #' must be quoted, like title: 'Breaking: the news'"


@dataclass(frozen=True)
class Scalar:
    text: str
    value: Any  # what YAML's core schema makes of it (str, int, bool, None, date, ...)
    line: int
    quoted: bool


@dataclass(frozen=True)
class Seq:
    items: tuple["Node", ...]
    line: int


@dataclass(frozen=True)
class Map:
    # key -> (line of the key, value node); insertion order kept
    items: dict[str, tuple[int, "Node"]]
    line: int


Node = Union[Scalar, Seq, Map]


class YamlError(Exception):
    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def parse(text: str, first_line: int = 1) -> Node | None:
    """Parse one YAML document. `first_line` is the file line where `text` starts."""
    offset = first_line - 1
    if _may_hold_aliases(text):
        _refuse_aliases(text, offset)
    try:
        root = _compose(text, _FAST_LOADER)
    except yaml.YAMLError as exc:
        if "maximum nesting depth" in str(exc):  # the pure-Python loader would recurse for seconds
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 + offset if mark else first_line
            raise YamlError(line, f"invalid YAML: nested more than {MAX_DEPTH} levels deep") from None
        root = _compose_explained(text, offset, first_line)  # libyaml's messages are terser
    return None if root is None else _convert(root, offset, yaml.constructor.SafeConstructor(), 0)


def _may_hold_aliases(text: str) -> bool:
    """A quick look at each & and * (a regular expression cost a tenth of the parse): most
    front-matter has none, or only in text like `A & B` or a URL's `?a=1&b=2`."""
    for mark in "&*":
        at = text.find(mark)
        while at >= 0:
            if (at == 0 or text[at - 1] in _BEFORE_ALIAS) and text[at + 1:at + 2] not in _NOT_IN_NAME:
                return True
            at = text.find(mark, at + 1)
    return False


def _refuse_aliases(text: str, offset: int) -> None:
    """Anchors and aliases (`&a`, `*a`) let a few hundred bytes expand to gigabytes, or to a
    cycle; front-matter and settings never need them."""
    try:
        for event in yaml.parse(text, Loader=_FAST_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                raise YamlError(
                    event.start_mark.line + 1 + offset,
                    "YAML aliases are not allowed (&anchor and *alias): write the value out, "
                    "or quote a value that starts with & or *",
                )
    except yaml.YAMLError:
        return  # invalid YAML: composing reports it at its line


def _compose_explained(text: str, offset: int, first_line: int) -> yaml.Node | None:
    """Compose with the pure-Python loader, whose errors say what is wrong and where."""
    try:
        return _compose(text, yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        problem = exc.problem or exc.context
        hint = _QUOTE_HINT if problem == "mapping values are not allowed here" else ""
        raise YamlError(line, f"invalid YAML: {problem}{hint}") from None
    except RecursionError:  # the pure-Python composer recurses per level
        raise YamlError(first_line, f"invalid YAML: nested more than {MAX_DEPTH} levels deep") from None
    except yaml.YAMLError as exc:
        raise YamlError(first_line, f"invalid YAML: {exc}") from None


def _compose(text: str, loader_class: type) -> yaml.Node | None:
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _convert(node: yaml.Node, offset: int, constructor: yaml.constructor.SafeConstructor, depth: int) -> Node:
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.ScalarNode):
        if not node.value.isascii():
            _check_characters(node.value, line)
        try:
            value = constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError):
            value = node.value  # e.g. an impossible date: leave it to the schema to judge
        return Scalar(node.value, value, line, node.style not in (None, ""))
    if depth >= MAX_DEPTH:
        raise YamlError(line, f"invalid YAML: nested more than {MAX_DEPTH} levels deep")
    if isinstance(node, yaml.SequenceNode):
        return Seq(tuple(_convert(item, offset, constructor, depth + 1) for item in node.value), line)
    if isinstance(node, yaml.MappingNode):
        items: dict[str, tuple[int, Node]] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1 + offset
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(key_line, "a key must be plain text")
            if key_node.tag == "tag:yaml.org,2002:merge":  # a plain <<; a quoted '<<' is text
                raise YamlError(key_line, "YAML merge keys (<<) are not supported")
            if not key_node.value.isascii():
                _check_characters(key_node.value, key_line)
            if key_node.value in items:
                raise YamlError(key_line, f"key '{key_node.value}' appears twice")
            items[key_node.value] = (key_line, _convert(value_node, offset, constructor, depth + 1))
        return Map(items, line)
    raise YamlError(line, "unsupported YAML node")  # pragma: no cover - aliases are resolved by compose


def _check_characters(text: str, line: int) -> None:
    """A `\\ud800` escape makes a lone surrogate, which no file or page can hold."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(text[exc.start])
        raise YamlError(line, f"invalid YAML: \\u{code:04x} is half of a surrogate pair, not a character") from None


def to_python(node: Node | None) -> Any:
    """Plain Python values, for free-form maps like `extra`."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Seq):
        return [to_python(item) for item in node.items]
    return {key: to_python(value) for key, (_, value) in node.items.items()}
