"""`archive export zim`: the built site as one ZIM file, for Kiwix (phones, laptops, Raspberry Pi
hotspots, with no network).

The export builds the site itself, into a folder beside the output, as a ZIM needs it: links
that name their file (a ZIM has no `dir/` -> `dir/index.html`), no base URL, no marker file.
Every article is a front article titled with its own title (Kiwix's title search and random
article), the home page is the main entry, and the listings are neither front articles nor in
the full-text index. The site's own search works inside Kiwix: it loads its index as
`<script>` files by relative paths, which any ZIM reader serves.

libzim writes a random file id into every ZIM, so two exports are never the same bytes; a
content manifest beside it (`OUTPUT.manifest`: the SHA-256 of every entry and of the metadata,
sorted) is the same for the same archive, and is what to compare.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from generator import build as build_mod
from generator.archive import config as config_mod
from generator.archive.model import ProblemsFound
from generator.export import zim_metadata
from generator.load import content
from generator.output import folders
from generator.output.writer import UnsafeOutput
from generator.render import urls

MANIFEST_SUFFIX = ".manifest"
MANIFEST_HEADER = "# article-archive ZIM content manifest: SHA-256 and path of every entry (M/: metadata)\n"
LEFT_OUT = {folders.MARKER, "search/lunr-index.json", "search/lunr-docs.json"}  # nothing in a ZIM reads them
FEED_TYPE = "application/atom+xml"
MIME_TYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "application/javascript", ".json": "application/json",
    ".xml": "application/xml", ".txt": "text/plain", ".svg": "image/svg+xml", ".png": "image/png",
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
    ".avif": "image/avif", ".ico": "image/x-icon", ".woff2": "font/woff2", ".woff": "font/woff",
    ".ttf": "font/ttf", ".pdf": "application/pdf", ".mp3": "audio/mpeg", ".mp4": "video/mp4",
    ".webm": "video/webm",
}  # written out rather than asked of `mimetypes`, which reads the machine's /etc/mime.types
OTHER_TYPE = "application/octet-stream"
COMPRESSED_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "font/woff2", "font/woff",
                    "audio/mpeg", "video/mp4", "video/webm")  # already compressed: zstd would gain nothing


class MissingLibzim(Exception):
    """libzim, an optional extra, is not installed."""


@dataclass(frozen=True)
class Packed:
    output: Path
    manifest: Path
    entries: int  # files of the site in the ZIM
    bytes: int  # the ZIM's size
    articles: int


def manifest_path(output: Path) -> Path:
    return output.with_name(output.name + MANIFEST_SUFFIX)


def export(root: Path, output: Path, display_root: str = ".", environ: dict[str, str] | None = None,
           progress: build_mod.Progress | None = None, fulltext: bool = True) -> Packed:
    """Make the ZIM and its manifest. Raises MissingLibzim, ProblemsFound (the archive's problems,
    as `archive build` reports them), UnsafeOutput (the output is someone else's file) or OSError."""
    writer = _libzim()
    manifest = manifest_path(output)
    _check_output(output, manifest, writer)
    config = config_mod.load(root, display_root, environ)
    try:
        metadata, early = zim_metadata.metadata(config, root, display_root, fulltext), []
    except ProblemsFound as exc:  # reported with the articles' problems, all at once
        metadata, early = None, exc.problems
    output.parent.mkdir(parents=True, exist_ok=True)
    work = output.parent / f"{folders.TEMP_PREFIX}zim-{output.name}-{os.getpid()}"
    folders.remove_tree(work)
    work.mkdir()
    try:
        site = work / "site"
        options = build_mod.Options(root=root, output=site, display_root=display_root, cache=False, base_url="",
                                    pretty_urls=False)
        try:
            built = build_mod.build(options, environ, progress)
        except ProblemsFound as exc:
            raise ProblemsFound(early + exc.problems) from None
        if metadata is None:
            raise ProblemsFound(early)
        articles, _ = content.load(root, display_root, config.tzinfo)  # the build has read them without a problem
        titles = {urls.article_path(article): article.title for article in articles}
        files = _site_files(site)
        lines = [f"{_sha256(value.encode())}  M/{name}\n" for name, value in metadata.texts.items()]
        lines.append(f"{_sha256(metadata.illustration)}  M/Illustration_48x48@1\n")
        done = 0

        def tick() -> None:
            nonlocal done
            done += 1
            if progress is not None and (done % 100 == 0 or done == len(files)):
                progress("zim", done, len(files))

        made = work / "archive.zim"
        writer.write(made, _entries(site, files, titles, lines, writer.Entry), metadata, urls.HOME, fulltext, tick)
        (work / "manifest").write_text(MANIFEST_HEADER + "".join(sorted(lines, key=_path_of)), encoding="utf-8")
        size = made.stat().st_size
        os.replace(made, output)
        os.replace(work / "manifest", manifest)
    finally:
        folders.remove_tree(work)
    return Packed(output, manifest, len(files), size, built.articles)


def _libzim():
    try:
        from generator.export import zim_writer
    except ImportError as exc:
        raise MissingLibzim(f"the ZIM export needs libzim ({exc}); install it with "
                            "pip install 'article-archive[zim]'") from None
    return zim_writer


def _check_output(output: Path, manifest: Path, writer) -> None:
    if output.is_symlink() or output.is_dir():
        raise UnsafeOutput(f"{output} exists and is not a file")
    if output.exists() and not writer.made_by_us(output):
        raise UnsafeOutput(f"refusing to replace {output}: it is not a ZIM made by `archive export zim`. "
                           "Choose a new file with --output.")
    if manifest.is_symlink() or manifest.is_dir() or manifest.exists() and not _our_manifest(manifest):
        raise UnsafeOutput(f"refusing to replace {manifest}: it is not a manifest made by `archive export zim`. "
                           "Choose another --output.")


def _our_manifest(path: Path) -> bool:
    try:
        with open(path, "rb") as file:
            return file.readline() == MANIFEST_HEADER.encode()
    except OSError:
        return False


def _site_files(site: Path) -> list[str]:
    """Every file the build wrote, as site paths, sorted; links are not followed."""
    found = []
    for folder, names, files in os.walk(site):
        names.sort()
        rel = Path(folder).relative_to(site).as_posix()
        found += [name if rel == "." else f"{rel}/{name}" for name in files]
    return sorted(path for path in found if path not in LEFT_OUT)


def _entries(site: Path, files: list[str], titles: dict[str, str], lines: list[str], entry_type) -> Iterator:
    """The site's files as ZIM entries, read one at a time; each one's manifest line is added to `lines`."""
    for path in files:
        data = (site / path).read_bytes()
        lines.append(f"{_sha256(data)}  {path}\n")
        mimetype = mime_type(path)
        title = titles.get(path)
        yield entry_type(path, data, mimetype, title or "", title is not None, mimetype not in COMPRESSED_TYPES)


def mime_type(path: str) -> str:
    if path == urls.FEED:
        return FEED_TYPE
    return MIME_TYPES.get(posixpath.splitext(path)[1].lower(), OTHER_TYPE)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _path_of(line: str) -> str:
    return line.split("  ", 1)[1]
