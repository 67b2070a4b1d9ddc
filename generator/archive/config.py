"""archive.yaml: the site's settings, validated strictly.

The file is optional. Unknown keys are errors that suggest the closest valid key,
so a typo never silently falls back to a default.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zoneinfo
from dataclasses import dataclass, replace
from pathlib import Path

from generator.archive import dates, yamltree
from generator.archive.model import Problem, ProblemsFound

CONFIG_FILE = "archive.yaml"

_DURATION = re.compile(r"^\s*(\d+)\s*(y|m|w|d)\s*$")
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True)
class Duration:
    count: int
    unit: str  # y, m, w or d

    def before(self, day: dt.date) -> dt.date:
        """The day this long before `day` (calendar arithmetic for years and months).

        Raises ValueError when that is before the year 1."""
        if self.unit in ("w", "d"):
            days = self.count * (7 if self.unit == "w" else 1)
            if days >= day.toordinal():
                raise ValueError(f"{self} before {day} is before the year 1")
            return day - dt.timedelta(days=days)
        months = self.count * (12 if self.unit == "y" else 1)
        index = day.year * 12 + day.month - 1 - months
        year, month = divmod(index, 12)
        month += 1
        if year < dt.MINYEAR:
            raise ValueError(f"{self} before {day} is before the year 1")
        for candidate in range(day.day, day.day - 4, -1):  # 31 March minus a month is 28/29 February
            try:
                return dt.date(year, month, candidate)
            except ValueError:
                continue
        raise AssertionError("every month has 28 days")

    def __str__(self) -> str:
        names = {"y": "year", "m": "month", "w": "week", "d": "day"}
        return f"{self.count} {names[self.unit]}{'' if self.count == 1 else 's'}"


@dataclass(frozen=True)
class Config:
    title: str
    description: str = ""
    language: str = "en"
    base_url: str | None = None  # always ends with "/"
    per_page: int = 20
    pretty_urls: bool = False
    outdated_after: Duration | None = None
    as_of: dt.date = dt.date(1970, 1, 1)
    timezone: str = "UTC"
    # Who made and who publishes the archive, and its licence: the ZIM export's Creator,
    # Publisher and License (docs/export.md); and the ZIM's own Name, Tags and illustration.
    creator: str = ""
    publisher: str = ""
    rights: str = ""
    zim_name: str = ""
    zim_tags: str = ""
    zim_illustration: str = ""  # a 48×48 PNG, relative to the archive's folder

    @property
    def tzinfo(self) -> dt.tzinfo:
        return dt.timezone.utc if self.timezone == "UTC" else zoneinfo.ZoneInfo(self.timezone)


KEYS = tuple(Config.__dataclass_fields__)


def default_as_of(environ: dict[str, str] | None = None) -> dt.date:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC)."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return dt.datetime.now(dt.timezone.utc).date()
    # The reproducible-builds spec: an integer of seconds, and a malformed one is an error.
    digits = epoch.strip()
    if not (digits.isascii() and digits.isdigit()):
        raise BadEpoch(f"SOURCE_DATE_EPOCH={epoch!r}: must be a whole, non-negative number of seconds since 1970")
    try:
        return dates.from_epoch(int(digits) if len(digits) <= 12 else 10**12)
    except (ValueError, OverflowError, OSError):
        raise BadEpoch(f"SOURCE_DATE_EPOCH={epoch}: is after the year 9999") from None


class BadEpoch(ValueError):
    """SOURCE_DATE_EPOCH is set but is no time: a usage error, not a problem of the archive."""


def suggest(key: str, valid: tuple[str, ...]) -> str:
    import difflib  # here: only a mistake needs it

    close = difflib.get_close_matches(key, valid, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else f" (valid keys: {', '.join(valid)})"


def load(root: Path, display_root: str, environ: dict[str, str] | None = None) -> Config:
    """Read ROOT/archive.yaml (if any). Raises ProblemsFound listing every problem."""
    path = root / CONFIG_FILE
    shown = f"{display_root.rstrip('/')}/{CONFIG_FILE}" if display_root not in ("", ".") else CONFIG_FILE
    defaults = Config(title=root.resolve().name or "Archive", as_of=default_as_of(environ))
    if not path.is_file():
        return defaults
    problems: list[Problem] = []

    def problem(line: int | None, message: str) -> None:
        problems.append(Problem(shown, line, message))

    try:
        text = path.read_text(encoding="utf-8")
        tree = yamltree.parse(text)
    except UnicodeDecodeError:
        raise ProblemsFound([Problem(shown, None, "is not valid UTF-8")]) from None
    except yamltree.YamlError as exc:
        raise ProblemsFound([Problem(shown, exc.line, exc.message)]) from None
    if tree is None:
        return defaults
    if not isinstance(tree, yamltree.Map):
        raise ProblemsFound([Problem(shown, tree.line, "must be a mapping of settings (key: value)")])

    values: dict[str, object] = {}
    for key, (line, node) in tree.items.items():
        if key not in KEYS:
            problem(line, f"unknown setting '{key}'{suggest(key, KEYS)}")
            continue
        if not isinstance(node, yamltree.Scalar):
            problem(line, f"'{key}' must be a single value")
            continue
        try:
            values[key] = _setting(key, node)
        except ValueError as exc:
            problem(node.line, f"'{key}': {exc}")
    config = replace(defaults, **values)
    if config.outdated_after is not None and "outdated_after" in tree.items:
        try:
            config.outdated_after.before(config.as_of)
        except ValueError as exc:  # the as_of from SOURCE_DATE_EPOCH or today counts too
            problem(tree.items["outdated_after"][1].line, f"'outdated_after': {exc}")
    if problems:
        raise ProblemsFound(problems)
    return config


def _setting(key: str, node: yamltree.Scalar) -> object:
    text = node.text.strip()
    if key in ("title", "description", "creator", "publisher", "rights", "zim_name", "zim_tags"):
        return node.text
    if key == "zim_illustration":
        if text.startswith("/") or ".." in text.split("/"):
            raise ValueError(f"'{text}' must be a path inside the archive's folder, like static/logo.png")
        return text
    if key == "language":
        if not _LANG.match(text):
            raise ValueError(f"'{text}' is not a language tag like 'en' or 'pt-BR'")
        return text
    if key == "base_url":
        return normalise_base_url(text)
    if key == "per_page":
        if not isinstance(node.value, int) or isinstance(node.value, bool) or node.value < 1:
            raise ValueError(f"'{text}' is not a whole number of at least 1")
        return node.value
    if key == "pretty_urls":
        if not isinstance(node.value, bool):
            raise ValueError(f"'{text}' is not true or false")
        return node.value
    if key == "outdated_after":
        if node.value is None:
            return None
        return parse_duration(text)
    if key == "as_of":
        date = dates.parse(text)
        if date.precision != "day":
            raise ValueError(f"'{text}' must be a day, YYYY-MM-DD")
        return dt.date(date.year, date.month, date.day)
    if key == "timezone":
        if text != "UTC":
            try:
                zoneinfo.ZoneInfo(text)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"'{text}' is not a time zone name like 'Europe/Berlin'") from None
        return text
    raise AssertionError(key)


def parse_duration(text: str) -> Duration:
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a duration like 3y, 18m, 6w or 90d")
    if len(match[1]) > 9:
        raise ValueError(f"'{text[:20]}…' is longer than the calendar")
    return Duration(int(match[1]), match[2])


def normalise_base_url(text: str) -> str:
    if not re.match(r"^https?://[^/\s]+(/\S*)?$", text):
        raise ValueError(f"'{text}' is not an http(s) URL like https://example.org/archive/")
    return text if text.endswith("/") else text + "/"
