"""The real-article corpus (../shared/corpus): where it is, its pages, and the fixed dev/test split.

The pages never enter the repository: the corpus folder (`$ARTICLE_CORPUS`, default
../shared/corpus beside the checkout) holds the tarball and its scorer `score.py`; the unpacked
copy (`--data` or `$REAL_ARTICLES`, default .cache/real-articles, git-ignored) is unpacked from
the tarball on first use.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import os
import re
import tarfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SUPPLEMENT = Path("supplement/trafilatura-eval")
DEV_SHARE = 0.7
_FULL_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class CorpusMissing(Exception):
    pass


def corpus_dir() -> Path:
    return Path(os.environ.get("ARTICLE_CORPUS") or REPO.parent / "shared" / "corpus")


def part_of(page_id: str) -> str:
    """The split, fixed once: the first byte of sha256(id) below 0.7 * 256 -> dev (70 %), else test.
    Depends on the id alone, so a page never changes part when others are added or removed."""
    return "dev" if hashlib.sha256(page_id.encode("utf-8")).digest()[0] < DEV_SHARE * 256 else "test"


@dataclass(frozen=True)
class Page:
    id: str
    source: str
    lang: str
    title: str | None
    published: str | None
    must_contain: tuple[str, ...] = ()
    must_not_contain: tuple[str, ...] = ()

    @property
    def part(self) -> str:
        return part_of(self.id)

    @property
    def full_date(self) -> bool:
        """A gold date to the day, as score.py reads it: a year or a month alone ("2018", "1998-03")
        is left out, and so is a gold date that is no day of the calendar (the supplement's "2022-25-10")."""
        return self.day is not None

    @property
    def day(self) -> dt.date | None:
        """The gold day, when the gold date is a full one."""
        found = _FULL_DATE.match(self.published or "")
        try:
            return dt.date(*map(int, found.groups())) if found else None
        except ValueError:
            return None


def load_pages(data_dir: Path) -> list[Page]:
    pages = []
    for path in sorted((data_dir / "truth").glob("*.json")):
        t = json.loads(path.read_text(encoding="utf-8"))
        pages.append(Page(
            id=t["id"], source=t.get("source") or "?", lang=t.get("lang") or "?",
            title=t.get("title") or None, published=t.get("published") or None,
            must_contain=tuple(t.get("must_contain") or ()),
            must_not_contain=tuple(t.get("must_not_contain") or ()),
        ))
    return pages


def find_data(given: str | None, log=print) -> Path:
    """The unpacked corpus: --data, else $REAL_ARTICLES, else .cache/real-articles (unpacked from
    the corpus tarball when it is not there yet)."""
    chosen = given or os.environ.get("REAL_ARTICLES")
    if chosen:
        data = Path(chosen)
        if not (data / "truth").is_dir():
            raise CorpusMissing(f"{data}: no truth/ folder (not an unpacked real-articles corpus)")
        return data
    data = REPO / ".cache" / "real-articles"
    if (data / "truth").is_dir():
        return data
    tarball = corpus_dir() / "real-articles.tar.xz"
    if not tarball.is_file():
        raise CorpusMissing(f"{tarball}: not found (set ARTICLE_CORPUS to the corpus folder, "
                            "or REAL_ARTICLES to an unpacked copy)")
    log(f"unpacking {tarball} into {data.parent}/ ...")
    data.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball) as tar:
        tar.extractall(data.parent, filter="data")
    if not (data / "truth").is_dir():
        raise CorpusMissing(f"{tarball}: did not unpack to {data}")
    return data


def load_scorer():
    """The corpus's own scorer, score.py, imported from the corpus folder (never copied here)."""
    path = corpus_dir() / "score.py"
    if not path.is_file():
        raise CorpusMissing(f"{path}: not found (set ARTICLE_CORPUS to the corpus folder)")
    spec = importlib.util.spec_from_file_location("corpus_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
