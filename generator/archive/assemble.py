"""Assemble the validated articles into an Archive: orderings, groupings and relations.

Relations are kept by slug (Zola's `Library`): listings, prev/next and groups
name articles by their slugs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from generator.archive import dates
from generator.archive.config import Config
from generator.archive.layout import shown_path
from generator.archive.model import FLAGS, Article, PartialDate, Problem, ProblemsFound
from generator.archive.slugs import make_slug
from generator.archive.versions import Change, Version


@dataclass(frozen=True)
class Group:
    """Articles sharing a tag, author, source or flag."""

    key: str  # the slug in its URL
    name: str  # as shown
    slugs: tuple[str, ...]  # newest first


@dataclass(frozen=True)
class Archive:
    config: Config
    articles: tuple[Article, ...]  # newest first
    flags: dict[str, tuple[str, ...]]  # slug -> effective flags (given, plus computed)
    outdated_reason: dict[str, str]  # slug -> why it is outdated
    older: dict[str, str | None]  # slug -> the next older article
    newer: dict[str, str | None]
    years: dict[int | None, tuple[str, ...]]  # None: undated
    months: dict[tuple[int, int], tuple[str, ...]]
    sections: dict[str, dict[str, Group]]  # "tags"/"authors"/"sources"/"flags" -> key -> group
    versions: dict[str, tuple[Version, ...]] = field(default_factory=dict)  # slug -> its captures, oldest first
    changes: dict[tuple[str, str], Change] = field(default_factory=dict)  # (slug, stamp) -> from the one before


def source_name(name: str | None, url: str | None) -> str:
    if name:
        return name
    host = urlsplit(url or "").hostname or "unknown"
    return host.removeprefix("www.")


def assemble(articles: list[Article], config: Config, display_root: str = ".",
             versions: dict[str, tuple[Version, ...]] | None = None,
             changes: dict[tuple[str, str], Change] | None = None) -> Archive:
    """Order, group and relate the articles. Raises ProblemsFound on duplicate slugs. An article one
    of whose versions changed from the one before is flagged `changed`."""
    _check_unique_slugs(articles, display_root)
    ordered = tuple(sorted(articles, key=Article.sort_key, reverse=True))
    slugs = [a.slug for a in ordered]
    changed = {slug for (slug, _), change in (changes or {}).items() if change.changed}

    flags, reasons = {}, {}
    for article in ordered:
        flags[article.slug], reason = _effective_flags(article, config, article.slug in changed)
        if reason:
            reasons[article.slug] = reason

    years: dict[int | None, list[str]] = defaultdict(list)
    months: dict[tuple[int, int], list[str]] = defaultdict(list)
    for article in ordered:
        date = article.published
        years[date.year if date else None].append(article.slug)
        if date and date.month:
            months[(date.year, date.month)].append(article.slug)

    sections = {
        "tags": _groups((tag, a.slug) for a in ordered for tag in a.tags),
        "authors": _groups((name, a.slug) for a in ordered for name in a.authors),
        "sources": _groups(
            (source_name(s.name, s.url), a.slug) for a in ordered for s in a.sources
        ),
        "flags": {
            flag: Group(flag, flag.capitalize(), tuple(s for s in slugs if flag in flags[s]))
            for flag in FLAGS
            if any(flag in flags[s] for s in slugs)
        },
    }
    return Archive(
        config=config,
        articles=ordered,
        flags=flags,
        outdated_reason=reasons,
        older={s: (slugs[i + 1] if i + 1 < len(slugs) else None) for i, s in enumerate(slugs)},
        newer={s: (slugs[i - 1] if i > 0 else None) for i, s in enumerate(slugs)},
        years={year: tuple(v) for year, v in years.items()},
        months={key: tuple(v) for key, v in months.items()},
        sections=sections,
        versions={s: v for s, v in (versions or {}).items() if s in flags},
        changes=changes or {},
    )


def _check_unique_slugs(articles: list[Article], display_root: str) -> None:

    seen: dict[str, Article] = {}
    problems = []
    for article in sorted(articles, key=lambda a: a.file):
        first = seen.setdefault(article.slug, article)
        if first is not article:
            problems.append(
                Problem(
                    shown_path(display_root, article.file),
                    article.lines.get("slug", 1),
                    f"slug '{article.slug}' is already used by {first.file}; set a different 'slug'",
                )
            )
    if problems:
        raise ProblemsFound(problems)


def _effective_flags(article: Article, config: Config, changed: bool = False) -> tuple[tuple[str, ...], str | None]:
    flags = set(article.flags)
    if article.corrections:
        flags.add("corrected")
    if changed:
        flags.add("changed")
    reason = None
    if "outdated" in flags:
        reason = "The archive marked it as outdated."
    elif config.outdated_after and article.published:
        latest = max(d.last_day() for d in (article.published, article.updated) if d)
        if latest < config.outdated_after.before(config.as_of):
            flags.add("outdated")
            reason = (
                f"It is more than {config.outdated_after} old "
                f"as of {dates.display(_as_partial(config))}."
            )
    return tuple(flag for flag in FLAGS if flag in flags), reason


def _as_partial(config: Config) -> PartialDate:
    day = config.as_of
    return PartialDate(day.year, day.month, day.day)


def _groups(pairs) -> dict[str, Group]:
    """Group (name, slug) pairs by the name's URL slug; the commonest spelling names the group."""
    members: dict[str, dict[str, None]] = defaultdict(dict)  # an ordered set: a list's `in` made this quadratic
    spellings: dict[str, Counter] = defaultdict(Counter)
    for name, slug in pairs:
        key = make_slug(name)
        members[key][slug] = None
        spellings[key][name] += 1
    groups = {}
    for key in sorted(members):
        name = sorted(spellings[key].items(), key=lambda item: (-item[1], item[0]))[0][0]
        groups[key] = Group(key, name, tuple(members[key]))
    return groups

