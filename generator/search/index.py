"""The search stage of a build: from the articles' rendered bodies to the files under search/.

    plain text -> per-document term counts (`counted`, in workers, a share each, bulk.py)
    -> postings grouped a range of terms at a time (postings.Collected) -> sharded index (shards.files)
    [-> lunr-index.json (lunr_index.files), from every posting at once]

The benchmark times exactly this function, so its rate is the whole stage's.
"""

from __future__ import annotations

import os
from typing import Iterator, Mapping

from generator import urls
from generator.archive import Archive
from generator.markdown import unfolded_text
from generator.model import Article, OutputFile
from generator.search import documents, lunr_index, shards, statistics
from generator.search.documents import SearchDoc
from generator.search.postings import Collected
from generator.search.bulk import BulkCounter
from generator.search.tokens import TermNumberer
from generator.workers import even_chunks, run as fork_run


def files(
    archive: Archive, bodies: dict[str, object], links: urls.Links, lunr: bool = False, workers: int | None = None
) -> list[OutputFile]:
    """Every search file, in memory. `lunr`: write lunr-index.json even above lunr_index.DEFAULT_LIMIT."""
    return list(iter_files(archive, bodies, links, lunr, workers))


def iter_files(
    archive: Archive, bodies: dict[str, object], links: urls.Links, lunr: bool = False, workers: int | None = None
) -> Iterator[OutputFile]:
    """The search files as they are made (a build may write them as they come instead of holding them all)."""
    docs, collected = counted(archive, bodies, links, workers)
    try:
        if lunr or len(docs) <= lunr_index.DEFAULT_LIMIT:
            stats = collected.stats()  # lunr-index.json needs every posting at once
            yield from shards.iter_files(stats, docs, workers)
            yield from lunr_index.files(stats, docs)
        else:
            yield from shards.iter_files(collected.ranges(shards.key_prefix), docs, workers)
    finally:
        collected.close()


def counted(
    archive: Archive, bodies: Mapping[str, object], links: urls.Links, workers: int | None = None
) -> tuple[list[SearchDoc], Collected]:
    """The documents (without their body text) and their counted terms, in one pass of the workers.

    `counted(...)[1].stats()` is `statistics.count(documents.collect(...))`, but each worker
    turns its share of bodies into plain text, counts it and keeps only a
    snippet, so the text of every body is never in memory at once (at 100k
    articles it is gigabytes).
    """
    articles = list(reversed(archive.articles))
    workers = workers if workers is not None else (os.cpu_count() or 1)
    workers = workers if workers > 1 and len(articles) >= documents.PARALLEL_FROM else 1
    chunks = even_chunks(len(articles), workers, statistics.CHUNK)
    collected, docs = Collected(), []
    job = (bodies, archive, links, BulkCounter(TermNumberer()))
    for part, some in fork_run(_count_bodies, articles, job, workers, chunks=chunks, ordered=True):
        collected.add(part)
        docs.extend(some)
    return docs, collected


def _count_bodies(articles: list[Article], indices: range, bodies: Mapping[str, object], archive: Archive,
                  links: urls.Links, counter: BulkCounter) -> tuple[tuple, list[SearchDoc]]:
    """`statistics.Gatherer.part()` and the documents (without body text) of some consecutive articles."""
    docs: list[SearchDoc] = []

    def texts():
        for number in indices:
            article = articles[number]
            # Unfolded: the counter splits at white space anyway, and only the snippet needs it folded.
            text = unfolded_text(str(bodies[article.slug]))
            docs.append(documents.document(number, article, archive, links, "",
                                           documents.snippet_of_unfolded(article, text)))
            yield article.title, " ".join(article.tags), documents.body_field(article, text)

    return statistics.count_texts(texts(), counter), docs
