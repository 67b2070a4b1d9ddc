"""The versions of each article, from the version files the read stage read (`bodies.read_all`)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from generator.archive import versions
from generator.archive.model import Article, Problem
from generator.archive.versions import Version, VersionFile
from generator.load.bodies import Reading

PROVENANCE = ("file", "sha256", "importer", "captured", "record_id", "target_uri")


def collect(files: list[VersionFile], readings: list[Reading], articles: list[Article], root: Path,
            ) -> tuple[dict[str, tuple[Version, ...]], list[Problem]]:
    """slug -> its versions, oldest first; and a problem for each version file that names no article."""
    by_file = {article.file: article for article in articles}
    found: dict[str, list[Version]] = defaultdict(list)
    problems: list[Problem] = []
    for file, reading in zip(files, readings):
        moment = versions.moment(file.stamp)
        article = by_file.get(file.article)
        if moment is None:
            problems.append(Problem(file.shown, None, "is no version: a version's name is its capture time, "
                                    "YYYYMMDDhhmmss.md (UTC)"))
        elif article is None and not (root / file.article).is_file():
            problems.append(Problem(file.shown, None, f"is a version of {file.article}, which is no article here; "
                                    "move the versions folder beside its article"))
        if reading.article is None or moment is None or article is None:
            continue  # the read stage reported its problems
        version = reading.article
        url = next((s.url for s in version.sources if s.url), None) or version.provenance.get("target_uri")
        found[article.slug].append(Version(
            stamp=file.stamp, moment=moment, title=version.title, file=file.rel, digest=reading.digest,
            body_key=reading.body.key, url=url if isinstance(url, str) else None,
            provenance={key: version.provenance[key] for key in PROVENANCE if key in version.provenance},
        ))
    return {slug: tuple(sorted(items, key=lambda v: v.stamp)) for slug, items in sorted(found.items())}, problems
