"""`archive export bagit`: the archive as a BagIt bag (RFC 8493), the package preservation systems
ingest and verify by checksum.

The payload (`data/`) holds the archive's sources (content/, archive.yaml, templates/, static/, originals/)
and the site built from them (site/). Every payload file is listed with its SHA-256 in
manifest-sha256.txt, the tag files in tagmanifest-sha256.txt. The same archive gives the same
bag, byte for byte: files in sorted order, and the bagging date is the archive's "as of" date
(SOURCE_DATE_EPOCH, else today), not the clock's.

The bag is made beside the output folder and put in its place when it is whole; an output
folder that is not empty and is not a bag this command made is refused, as `archive build`
refuses a folder it did not make.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator import build as build_mod
from generator.archive import config as config_mod
from generator.archive import layout
from generator.output import folders
from generator.output.writer import UnsafeOutput

AGENT = f"article-archive {__version__}"
SOURCES = (layout.CONTENT_DIR, layout.TEMPLATES_DIR, layout.STATIC_DIR, layout.ORIGINALS_DIR)  # as they are
CONFIG = "archive.yaml"
CHUNK = 1 << 20  # bytes read at a time when hashing


@dataclass(frozen=True)
class Bagged:
    output: Path
    files: int  # payload files
    bytes: int  # their size
    articles: int  # in the site built into the bag


def export(root: Path, output: Path, display_root: str = ".", environ: dict[str, str] | None = None,
           progress: build_mod.Progress | None = None) -> Bagged:
    """Make the bag. Raises ProblemsFound (the archive's problems, as `archive build` reports them),
    UnsafeOutput (the output is someone else's folder) or OSError."""
    _check_output(output)
    config = config_mod.load(root, display_root, environ)
    output.parent.mkdir(parents=True, exist_ok=True)
    work = output.parent / f"{folders.TEMP_PREFIX}bag-{output.name}-{os.getpid()}"
    folders.remove_tree(work)
    work.mkdir()
    try:
        data = work / "data"
        data.mkdir()
        for name in SOURCES:
            _copy_tree(root / name, data / name)
        if (root / CONFIG).is_file():
            shutil.copyfile(root / CONFIG, data / CONFIG)
        built = build_mod.build(build_mod.Options(root=root, output=work / "site", display_root=display_root,
                                                  cache=False), environ, progress)
        os.rename(work / "site", data / "site")
        for leftover in work.glob(f"{folders.TEMP_PREFIX}*"):  # the build's lock file beside its output
            leftover.unlink()
        files, size = _write_tags(work, config)
        if output.exists():
            aside = output.parent / f"{folders.TEMP_PREFIX}old-bag-{output.name}-{os.getpid()}"
            os.rename(output, aside)
            os.rename(work, output)
            folders.remove_tree(aside)
        else:
            os.rename(work, output)
    except BaseException:
        folders.remove_tree(work)
        raise
    return Bagged(output, files, size, built.articles)


def _check_output(output: Path) -> None:
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise UnsafeOutput(f"{output} exists and is not a folder")
    if output.is_dir() and any(output.iterdir()) and not _ours(output):
        raise UnsafeOutput(f"refusing to replace {output}: it is not empty and is not a bag made by "
                           "`archive export bagit`. Choose an empty or new folder with --output.")


def _ours(output: Path) -> bool:
    try:
        info = (output / "bag-info.txt").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "Bag-Software-Agent: article-archive " in info


def _copy_tree(source: Path, target: Path) -> None:
    """Every regular file below source, hidden ones too; links are not followed (nor copied)."""
    if not source.is_dir() or source.is_symlink():
        return
    for folder, names, files in os.walk(source):
        names.sort()
        here = Path(folder)
        for name in sorted(files):
            path = here / name
            if stat.S_ISREG(os.lstat(path).st_mode):
                copy = target / path.relative_to(source)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, copy)


def _write_tags(bag: Path, config: config_mod.Config) -> tuple[int, int]:
    """The tag files; returns the payload's file count and size."""
    lines, count, size = [], 0, 0
    for path in sorted(_payload(bag / "data")):
        lines.append(f"{_sha256(bag / 'data' / path)}  data/{_escaped(path)}\n")
        count += 1
        size += (bag / "data" / path).stat().st_size
    (bag / "manifest-sha256.txt").write_text("".join(lines), encoding="utf-8")
    (bag / "bagit.txt").write_text("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", encoding="utf-8")
    info = [f"Source-Organization: {_one_line(config.title)}"]
    if config.description:
        info.append(f"External-Description: {_one_line(config.description)}")
    info += [f"Bagging-Date: {config.as_of.isoformat()}", f"Payload-Oxum: {size}.{count}", f"Bag-Software-Agent: {AGENT}"]
    (bag / "bag-info.txt").write_text("\n".join(info) + "\n", encoding="utf-8")
    tags = [f"{_sha256(bag / name)}  {name}\n" for name in ("bag-info.txt", "bagit.txt", "manifest-sha256.txt")]
    (bag / "tagmanifest-sha256.txt").write_text("".join(tags), encoding="utf-8")
    return count, size


def _payload(data: Path) -> list[str]:
    return [path.relative_to(data).as_posix() for path in data.rglob("*") if path.is_file()]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _escaped(path: str) -> str:
    """A manifest path as RFC 8493 writes it: %, CR and LF percent-encoded."""
    return path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _one_line(text: str) -> str:
    return " ".join(text.split())
