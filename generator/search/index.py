"""The search stage of a build: from the articles' rendered bodies to the files under search/.

    plain text (documents.collect) -> per-document term counts (statistics.document_counts)
    -> grouped postings (statistics.combine) -> sharded index (shards.files)
    [-> lunr-index.json (lunr_index.files)]

The benchmark times exactly this function, so its rate is the whole stage's.
"""

from __future__ import annotations

from typing import Iterator

from generator import urls
from generator.archive import Archive
from generator.model import OutputFile
from generator.search import documents, lunr_index, shards, statistics


def files(
    archive: Archive, bodies: dict[str, object], links: urls.Links, lunr: bool = False, workers: int | None = None
) -> list[OutputFile]:
    """Every search file, in memory. `lunr`: write lunr-index.json even above lunr_index.DEFAULT_LIMIT."""
    return list(iter_files(archive, bodies, links, lunr, workers))


def iter_files(
    archive: Archive, bodies: dict[str, object], links: urls.Links, lunr: bool = False, workers: int | None = None
) -> Iterator[OutputFile]:
    """The search files as they are made (a build may write them as they come instead of holding them all)."""
    docs = documents.collect(archive, bodies, links, workers)
    stats = statistics.count(docs, workers)
    yield from shards.iter_files(stats, docs, workers)
    if lunr or len(docs) <= lunr_index.DEFAULT_LIMIT:
        yield from lunr_index.files(stats, docs)
