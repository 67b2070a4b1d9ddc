"""The one writer: Imported -> ROOT/content/YYYY/<slug>.md, atomically, never over a hand edit,
and each capture as an unchangeable version beside it (`<slug>.versions/<YYYYMMDDhhmmss>.md`).

Every file written carries `provenance.output_sha256`: the SHA-256 of the file
exactly as written, less that one line. If the file no longer matches it, a
person has edited it since, and it is left alone unless `force`.
A capture already kept as a version changes nothing when imported again. A new
capture of an article (the same input file re-saved, the same URL, or `--version-of`)
adds a version, and the article becomes that capture unless it was edited by hand or
the capture is older than its latest. See docs/versions.md.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from generator.archive import frontmatter, schema, yamltree
from generator.archive import versions as archive_versions
from generator.archive.layout import VERSIONS_SUFFIX
from generator.archive.model import Article, Image
from generator.archive.slugs import MAX_SLUG, make_slug
from generator.ingest import language, sniff, versions
from generator.ingest.record import Imported, ImportFailed
from generator.load import content
from generator.render import markdown, nesting

CONTENT = "content"
UNDATED = "undated"
_OUTPUT_LINE = re.compile(r"^  output_sha256: ([0-9a-f]{64})\n", re.M)


@dataclass(frozen=True)
class Outcome:
    status: str  # written | updated | version | unchanged | kept
    path: str  # relative to the root, forward slashes
    note: str = ""
    version: str = ""  # the version file written for this capture, if one was


def identity(provenance: dict) -> tuple:
    """One capture: the input's bytes, and in a WARC the record."""
    return (provenance.get("sha256"), provenance.get("target_uri"), provenance.get("record_id"))


def origin(provenance: dict) -> tuple:
    """Where an input lives: a file that changed since its import is still the same input."""
    return (provenance.get("file"), provenance.get("target_uri"))


class Emitter:
    """Writes articles and their versions into one root; remembers what is there and what this run claimed."""

    def __init__(self, root: Path, *, force: bool = False, dry_run: bool = False):
        self.root = root
        self.force = force
        self.dry_run = dry_run
        self.by_identity: dict[tuple, Path] = {}
        self.by_origin: dict[tuple, Path] = {}
        self.by_slug: dict[str, Path] = {}
        self.slugs: set[str] = set()
        self.ledger = versions.Ledger()
        self.planned: set[Path] = set()  # articles a dry run would have written
        self.problems: list[tuple[str, str]] = []  # (path relative to the root, message)
        self._scan()

    def _scan(self) -> None:
        base = self.root / CONTENT
        if not base.is_dir():
            return
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(base).parts
            if path.suffix.lower() not in content.ARTICLE_SUFFIXES or any(p.startswith(".") for p in rel):
                continue
            if not path.is_file() and not path.is_dir():
                self.problems.append((path.relative_to(self.root).as_posix(), sniff.not_a_file(path)))
                continue
            if len(rel) > 1 and rel[-2].endswith(VERSIONS_SUFFIX):
                self._scan_version(path)
                continue
            data = _front_matter(path)
            slug = data.get("slug") if isinstance(data.get("slug"), str) else make_slug(path.stem)
            self.slugs.add(slug)
            self.by_slug.setdefault(slug, path)
            provenance = data.get("provenance")
            if isinstance(provenance, dict) and provenance.get("sha256"):
                self.by_identity.setdefault(identity(provenance), path)
                if provenance.get("file"):
                    self.by_origin.setdefault(origin(provenance), path)
            self.ledger.add_urls(path, versions.urls_of(data.get("sources"), provenance or {}))

    def _scan_version(self, path: Path) -> None:
        stamp = path.stem
        if archive_versions.moment(stamp) is None:
            return
        article = path.parent.parent / (path.parent.name.removesuffix(VERSIONS_SUFFIX) + ".md")
        data = _front_matter(path)
        provenance = data.get("provenance") if isinstance(data.get("provenance"), dict) else {}
        self.ledger.add_version(article, stamp, identity(provenance))
        self.ledger.add_urls(article, versions.urls_of(data.get("sources"), provenance))

    def emit(self, record: Imported, provenance: dict, version_of: str | None = None) -> Outcome:
        """Write one capture: a new article, or a version of the article it is a capture of.
        `provenance["captured"]` (UTC, `2021-04-08T12:00:00Z`) is its capture time; without
        one no version is recorded. `version_of`: the slug of the article it is a version of."""
        capture = identity(provenance)
        note = ""
        if version_of is not None:
            existing = self.by_slug.get(version_of)
            if existing is None:
                raise ImportFailed(f"--version-of {version_of}: the archive has no article with that slug")
        elif (held := self.ledger.holds(capture)) is not None and not self.force:
            return Outcome("unchanged", held.relative_to(self.root).as_posix())  # a capture kept before
        else:
            existing = held or self.by_identity.get(capture) or self.by_origin.get(origin(provenance))
            same_url = None if existing else self.ledger.find(versions.urls_of(record.sources, provenance))
            if same_url is not None and not provenance.get("captured"):
                note = (f"has the URL of {same_url.relative_to(self.root).as_posix()}: a capture of it? With no "
                        "capture time it cannot be one of its versions (--captured gives the time of a scrape); "
                        "imported as a new article")
            elif same_url is not None:
                existing = same_url
                if existing.is_file():
                    share = versions.shared(record, existing.read_text(encoding="utf-8", errors="replace"))
                    if share < versions.SAME_ARTICLE:
                        note = (f"has the URL of {existing.relative_to(self.root).as_posix()} but shares only "
                                f"{share:.0%} of its text (pairs of words): another article at a reused URL, "
                                "imported as a new article")
                        existing = None
        if existing is not None:
            path = existing
            slug = _slug_of(existing)
        else:
            slug = self._free_slug(record.slug or make_slug(record.title))
            year = f"{record.published.year:04d}" if record.published else UNDATED
            path = self.root / CONTENT / year / f"{slug}.md"
        rel = path.relative_to(self.root).as_posix()
        image = record.image
        image_file = None
        if record.local_image is not None:
            image = replace(image or Image(), src=f"{slug}/{record.local_image.name}")
            image_file = path.parent / slug / record.local_image.name
        text = render(record, slug, rel, image, provenance)
        version, older = self._version(path, capture, provenance, text)
        note = "; ".join(n for n in (note, _too_early(record, provenance), *record.warnings) if n)

        if existing is not None and not path.is_file() and path in self.planned:  # a dry run's: not on disk
            return Outcome("version" if older else "updated", rel, "; ".join(n for n in (note, older) if n), version)
        if existing is not None and path.is_file():
            if older:
                return Outcome("version", rel, "; ".join(n for n in (note, older) if n), version)
            current = path.read_text(encoding="utf-8", errors="replace")
            image_same = image_file is None or (
                image_file.is_file() and image_file.read_bytes() == record.local_image.data)
            if current == text and image_same:
                return Outcome("version" if version else "unchanged", rel, note, version)
            if edited_by_hand(current) and not self.force:
                kept = "edited by hand since its import; left as it is (--force replaces it)"
                if version:
                    kept += f"; the capture is kept as {version}"
                return Outcome("kept", rel, kept, version)
            status = "updated"
        else:
            status = "written"
        if self.dry_run:
            self.planned.add(path)
        else:
            if image_file is not None:
                write_atomic(image_file, record.local_image.data)
            write_atomic(path, text.encode("utf-8"))
        self.by_identity[capture] = path
        self.by_origin[origin(provenance)] = path
        self.by_slug.setdefault(slug, path)
        self.ledger.add_urls(path, versions.urls_of(record.sources, provenance))
        self.slugs.add(slug)
        return Outcome(status, rel, note, version)

    def _version(self, article: Path, capture: tuple, provenance: dict, text: str) -> tuple[str, str]:
        """Record the capture as a version of the article, unless it is one already. Returns the
        version written ("" if none) and, if the capture is older than the article's latest, why
        the article stays as it is. Raises for a second capture at a version's time."""
        captured = provenance.get("captured")
        moment = archive_versions.moment(re.sub(r"\D", "", captured or "")) if captured else None
        if moment is None:
            return "", ""
        stamp = archive_versions.stamp(moment)
        stamps = self.ledger.stamps.get(article, {})
        path = self.root / archive_versions.folder_of(article.relative_to(self.root).as_posix()) / f"{stamp}.md"
        shown = path.relative_to(self.root).as_posix()
        latest = self.ledger.latest(article)
        older = "" if latest is None or stamp >= latest else (
            f"captured before the article's latest capture ({latest}): kept as a version, the article stays as it is")
        if stamp in stamps:
            if stamps[stamp] == capture:
                return "", older
            raise ImportFailed(f"was captured at {captured}, the time of {shown}, another capture of the same "
                               f"article: two versions cannot share a time, so it is not stored (--captured "
                               f"sets the time of a scrape)")
        if not self.dry_run:
            if path.exists():  # a file the ledger could not read: never overwritten
                raise ImportFailed(f"its version {shown} exists already and is not the importer's; "
                                   "left as it is")
            write_atomic(path, text.encode("utf-8"))
        self.ledger.add_version(article, stamp, capture)
        return shown, older

    def _free_slug(self, wanted: str) -> str:
        if re.fullmatch(r"\d{1,2}|page|index", wanted):
            wanted = f"article-{wanted}"
        if wanted not in self.slugs:
            return wanted
        number = 2
        while True:
            suffix = f"-{number}"
            candidate = wanted[: MAX_SLUG - len(suffix)].rstrip("-") + suffix
            if candidate not in self.slugs:
                return candidate
            number += 1


def render(record: Imported, slug: str, rel: str, image: Image | None, provenance: dict) -> str:
    """The article file's text, with its own output hash inside; validated against the schema."""
    article = Article(
        file=rel, slug=slug, title=record.title, body=record.body, published=record.published,
        updated=record.updated, authors=record.authors, tags=record.tags, summary=record.summary,
        dateline=record.dateline, rights=record.rights, id=record.id,
        lang=record.lang or (language.detected(record.title, record.body) if record.kind != "markdown" else None),
        sources=record.sources, flags=record.flags, corrections=record.corrections, image=image,
        provenance=dict(provenance), extra=dict(record.extra),
    )
    data = schema.to_data(article, default_slug=make_slug(Path(rel).stem))
    body = record.body.strip("\n") + "\n"
    unwritable = _lone_surrogate({**data, "body": body})
    if unwritable is not None:
        raise ImportFailed(f"would give an article the build cannot write: {unwritable[0]} holds "
                           f"{unwritable[1].encode('unicode_escape').decode()}, half of a UTF-16 pair and no character")
    unsigned = frontmatter.join(data, body)
    data["provenance"]["output_sha256"] = hashlib.sha256(unsigned.encode("utf-8")).hexdigest()
    text = frontmatter.join(data, body)
    source = content.SourceFile(Path(rel), rel, rel)
    checked, problems = content.parse(text, source, dt.timezone.utc)
    if checked is None:
        raise ImportFailed("would give an invalid article: " + "; ".join(p.message for p in problems))
    try:  # the body as the build will render it: what it would refuse is refused here
        markdown.render(_renderer(), body)
    except nesting.TooDeep as exc:
        raise ImportFailed(f"would give an article the build refuses: line {exc.line} of its body: {exc.message}")
    return text


@functools.cache
def _renderer() -> markdown.Renderer:
    return markdown.new_renderer()


_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate(data) -> tuple[str, str] | None:
    """(field, code point) of the first text holding a lone surrogate: an escape such as `\\ud800` in YAML
    or JSON decodes to one, and no file can be written with it."""
    stack = [("", data)]
    while stack:
        name, value = stack.pop()
        if isinstance(value, str):
            found = _SURROGATE.search(value)
            if found:
                return name or "a text", found.group()
        elif isinstance(value, dict):
            stack.extend((f"{name}.{key}" if name else str(key), item)
                         for key, item in reversed([*value.items(), *((k, k) for k in value)]))
        elif isinstance(value, (list, tuple)):
            stack.extend((name, item) for item in reversed(value))
    return None


def edited_by_hand(text: str) -> bool:
    """True unless the file is byte for byte what the importer wrote."""
    match = _OUTPUT_LINE.search(text)
    if match is None:
        return True
    unsigned = text[: match.start()] + text[match.end():]
    return hashlib.sha256(unsigned.encode("utf-8")).hexdigest() != match.group(1)


def _front_matter(path: Path) -> dict:
    try:
        yaml_text, first_line, *_ = frontmatter.split(sniff.read_bytes(path).decode("utf-8"))
        tree = yamltree.parse(yaml_text, first_line)  # as the build reads it: no alias expansion
    except (OSError, ImportFailed, UnicodeDecodeError, frontmatter.SplitError, yamltree.YamlError):
        return {}
    return yamltree.to_python(tree) if isinstance(tree, yamltree.Map) else {}


def _too_early(record: Imported, provenance: dict) -> str:
    """A capture made before the day the page says it was published: a clock or a page that errs."""
    captured, published = provenance.get("captured"), record.published
    if not captured or published is None or captured[:10] >= published.start().date().isoformat():
        return ""
    return (f"captured {captured[:10]}, before the date it says it was published ({published.start().date()}): "
            "kept as captured; check the capture time")


def _slug_of(path: Path) -> str:
    slug = _front_matter(path).get("slug")
    return slug if isinstance(slug, str) else make_slug(path.stem)


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target, then rename over it: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
