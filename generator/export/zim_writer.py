"""The one module that uses libzim (openZIM's writer and reader; GPL-3.0-or-later, an optional
extra: `pip install 'article-archive[zim]'`). generator/export/zim.py imports it only when a ZIM
is made, and says how to install it when the import fails.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from libzim.reader import Archive
from libzim.writer import Creator, Hint, Item, StringProvider

from generator.export.zim_metadata import SCRAPER, Metadata


@dataclass(frozen=True)
class Entry:
    path: str  # in the ZIM, as in the site: "2020/some-slug/index.html"
    data: bytes
    mimetype: str
    title: str  # an article's own title; "" for the other entries (libzim shows their path)
    front: bool  # an article: listed in Kiwix's title search and its random article
    compress: bool


class _Entry(Item):
    get_indexdata = None  # libzim's own reading of the HTML for the full-text index

    def __init__(self, entry: Entry):
        super().__init__()
        self.entry = entry

    def get_path(self) -> str:
        return self.entry.path

    def get_title(self) -> str:
        return self.entry.title

    def get_mimetype(self) -> str:
        return self.entry.mimetype

    def get_contentprovider(self) -> StringProvider:
        return StringProvider(self.entry.data)

    def get_hints(self) -> dict:
        return {Hint.FRONT_ARTICLE: self.entry.front, Hint.COMPRESS: self.entry.compress}


class _Unindexed(_Entry):
    """Listings, the search page, scripts: kept out of the full-text index, which would otherwise
    answer a query with every listing page that names a matching article."""

    def get_indexdata(self):
        return None


def write(path: Path, entries: Iterable[Entry], metadata: Metadata, main: str, fulltext: bool,
          tick: Callable[[], None] | None = None) -> None:
    """Write the ZIM at `path` (libzim writes `path`.tmp and renames it when done)."""
    creator = Creator(path).config_indexing(fulltext, metadata.language).config_verbose(False)
    creator.config_nbworkers(max(1, len(os.sched_getaffinity(0))))
    try:
        with _quiet_stdout(), creator:
            creator.set_mainpath(main)
            for name, value in metadata.texts.items():
                creator.add_metadata(name, value)
            creator.add_illustration(48, metadata.illustration)
            for entry in entries:
                creator.add_item(_Entry(entry) if entry.front else _Unindexed(entry))
                if tick is not None:
                    tick()
    except RuntimeError as exc:  # libzim failed to write the file (a full disk, ...): reported as an OSError
        last = str(exc).strip().splitlines()[-1:] or ["no reason given"]  # the end of a callback's traceback
        raise OSError(f"libzim could not write the ZIM: {last[0]}") from None


@contextmanager
def _quiet_stdout() -> Iterator[None]:
    """libzim prints its finishing steps ("ZIM file is ready!") on the standard output whatever
    its verbosity; the command's own output is its summary line."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def made_by_us(path: Path) -> bool:
    """Whether `path` is a ZIM file whose Scraper is this program."""
    try:
        scraper = Archive(path).get_metadata("Scraper").decode("utf-8", "replace")
    except (RuntimeError, KeyError, OSError):
        return False
    return scraper.split(" ")[0] == SCRAPER.split(" ")[0]
