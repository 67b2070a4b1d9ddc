"""The search stage of a build: from the articles' rendered bodies to the files under search/.

    plain text -> per-document term counts (`counted`, in workers, a share each, bulk.py)
    -> postings grouped a range of terms at a time (postings.Collected) -> sharded index (shards.files)
    [-> lunr-index.json (lunr_index.files), from every posting at once]

The benchmark times exactly this function, so its rate is the whole stage's.
"""

from __future__ import annotations

import itertools
import os
from typing import TYPE_CHECKING, Callable, Iterator, Mapping, Sequence

from generator.archive.model import Article, OutputFile, Written
from generator.executors.local import even_chunks
from generator.render import urls
from generator.render.plaintext import unfolded_text
from generator.search import documents, languages, lunr_index, metadata, ranking, shards, statistics
from generator.search import state as state_mod
from generator.search import words as word_files
from generator.search.bulk import BulkCounter
from generator.search.documents import SearchDoc
from generator.search.postings import Collected
from generator.search.tokens import TermNumberer

if TYPE_CHECKING:
    from generator.archive.assemble import (
        Archive,  # (not imported: a patch's search side would load the Markdown engine)
    )


def files(
    archive: Archive, bodies: dict[str, object], links: urls.Links, lunr: bool = False, workers: int | None = None
) -> list[OutputFile]:
    """Every search file, in memory. `lunr`: write lunr-index.json even above lunr_index.DEFAULT_LIMIT."""
    return list(iter_files(archive, bodies, links, lunr, workers))


def iter_files(
    archive: Archive, bodies: dict[str, object], links: urls.Links, lunr: bool = False, workers: int | None = None
) -> Iterator[OutputFile]:
    """The search files as they are made (a build may write them as they come instead of holding them all)."""
    return Indexing(list(reversed(archive.articles)), archive.flags, bodies, links, b"", [], lunr, workers,
                    language=archive.config.language).build()


UPDATE_LIMIT = 0.02  # share of the documents changed above which the whole index is counted again


class Indexing:
    """One build's search files: all of them (`build`), or those that changed since the last
    build's `state.State` (`update`). Afterwards `state` is what the next build may update
    (None if too large), `kept` the files of the last build that stay as they are, and
    `searched` the number of articles counted."""

    def __init__(self, articles: Sequence[Article], flags: Mapping[str, tuple[str, ...]], bodies: Mapping[str, object],
                 links: urls.Links, version: bytes, keys: list, lunr: bool = False, workers: int | None = None,
                 sink: shards.Sink | None = None, language: str | None = None,
                 executor: shards.Executor | None = None) -> None:
        """`articles`: in document id order (oldest first; `update` reads only the changed ones);
        `flags`: each article's effective flags (`Archive.flags`); `version`: what the index
        depends on besides the documents; `keys`: what each document depends on, e.g. its
        article's digest; `sink`: lets worker processes write most files themselves (`build`
        yields them as `Written`); `language`: the archive's, that of articles without `lang`
        (None: English, or for `update` the previous state's); `executor`: a cluster to count and
        encode on (else the local pool)."""
        self.articles, self.flags, self.bodies, self.links = articles, flags, bodies, links
        self.version, self.keys, self.sink = version, keys, sink
        self.lunr = lunr or len(articles) <= lunr_index.DEFAULT_LIMIT
        self.workers, self.executor = workers, executor
        self.language = language
        self.state: state_mod.State | None = None
        self.kept: set[str] = set()
        self.searched = 0

    def build(self) -> Iterator[OutputFile | Written]:
        language = self.language or languages.ENGLISH
        docs, collected, words = counted(self.articles, self.flags, self.bodies, self.links, self.workers, language,
                                        self.executor)
        self.searched = len(docs)
        dictionary, facets, paths = shards.Dictionary(language=languages.analyzer(language).lang), {}, set()
        dictionary.languages = languages.present(docs)
        try:
            for file in words.files():
                paths.add(file.path)
                yield file
            dictionary.words = word_files.stats_entry(words)
            if self.lunr:
                stats = collected.stats()  # lunr-index.json needs every posting at once
                made = itertools.chain(shards.iter_files(stats, docs, self.workers, dictionary, self.sink,
                                                         self.executor),
                                       lunr_index.files(stats, docs, dictionary.language))
            else:
                made = shards.iter_files(collected.ranges(shards.key_prefix), docs, self.workers, dictionary,
                                         self.sink, self.executor)
            for file in made:
                paths.add(file.path)
                if isinstance(file, OutputFile) and metadata.is_facet(file.path):
                    facets[file.path] = file.data
                yield file
            if self.keys and not collected.spilled and collected.n_entries <= state_mod.STATE_LIMIT and words.kept:
                self.state = state_mod.State(self.version, self.keys, state_mod.Packed.of(collected.entries()),
                                             state_mod.Docs.of(docs), dictionary, facets, paths, words.packed(),
                                             language=language)
        finally:
            collected.close()

    def update(self, previous: state_mod.State, read: Callable[[str], bytes]) -> list[OutputFile] | None:
        """The files that differ from the previous state's, if only a few documents changed; else None.
        `read(path)`: the bytes of one of the previous state's files."""
        keys = self.keys
        if len(previous.keys) != len(keys) or not keys:
            return None
        changed = [i for i, (key, old) in enumerate(zip(keys, previous.keys)) if key != old]
        if not changed or len(changed) > max(1.0, UPDATE_LIMIT * len(keys)):
            return None
        language = self.language or previous.language
        if language != previous.language:
            return None  # every article without `lang` is in another language now
        part, counted_docs, words_part = _count_bodies(self.articles, changed, self.bodies, self.flags, self.links,
                                                       Counters(language))
        entries, touched, recounted = state_mod.spliced(previous.entries, changed, part)
        words, moved = previous.words.spliced(changed, words_part)
        averages = entries.average_lengths
        proxies = ranking.proxies_of(averages)
        if proxies != ranking.proxies_of(previous.dictionary.averages):
            return None  # the order of every long posting list may change
        before = previous.entries.field_lengths
        if all((ranking.rounded_lengths(new[changed]) == ranking.rounded_lengths(old[changed])).all()
               for new, old in zip(entries.field_lengths, before)):
            # Rows hold no lengths, and the order and bounds see them rounded, as before: only
            # the terms whose counts changed have other files.
            touched = recounted
        old = previous.dictionary
        dictionary = shards.Dictionary(dict(old.groups), dict(old.sizes), dict(old.terms), entries.n_docs, averages,
                                       language=old.language)
        old_words = words.paths()
        out: list[OutputFile] = words.files(moved)
        dictionary.words = word_files.stats_entry(words)
        gone, regrouped = set(previous.facets) | (old_words - words.paths()), set()
        for prefix, made, terms, kept in shards.updated_prefixes(entries, touched, proxies, old, read):
            gone.update(dictionary.groups.get(prefix, ()))
            dictionary.add(prefix, made, terms, kept)
            regrouped.update(kept)
            out += made
        docs = previous.docs.replaced(dict(zip(changed, counted_docs)))
        if {doc.lang for doc in counted_docs} - set(old.languages) or any(
                previous.docs[n].lang != doc.lang for n, doc in zip(changed, counted_docs)):
            dictionary.languages = languages.present(docs)  # (an edit that changes a language: all read)
        else:
            dictionary.languages = old.languages
        out += metadata.doc_files(docs, sorted({number - number % metadata.CHUNK for number in changed}),
                                 dictionary.language)
        out += metadata.length_files(entries.field_lengths,
                                   metadata.changed_lengths(before, entries.field_lengths, changed))
        if all(metadata.facet_values(docs[n]) == metadata.facet_values(previous.docs[n]) for n in changed):
            facets = previous.facets  # the edits left every facet file as it was: not made again
        else:
            facets = {file.path: file.data for file in metadata.facet_files(docs)}
            out += [OutputFile(path, data) for path, data in facets.items() if previous.facets.get(path) != data]
        out.append(shards.stats_file(dictionary))
        if self.lunr:
            out += lunr_index.files(entries.group(), docs, dictionary.language)
        written = {file.path for file in out}
        paths = (previous.paths - gone) | regrouped | set(facets) | written
        self.kept = paths - written
        self.searched = len(changed)
        self.state = state_mod.State(self.version, keys, entries, docs, dictionary, facets, paths, words,
                                     language=language)
        return out


def counted(
    articles: Sequence[Article], flags: Mapping[str, tuple[str, ...]], bodies: Mapping[str, object],
    links: urls.Links, workers: int | None = None, language: str = languages.ENGLISH,
    executor: shards.Executor | None = None,
) -> tuple[list[SearchDoc], Collected, word_files.Words]:
    """The documents (without their body text), their counted terms and their words, in one
    pass of the workers.

    `counted(...)[1].stats()` is `statistics.count(documents.collect(...))`, but each worker
    turns its share of bodies into plain text, counts it and keeps only a
    snippet, so the text of every body is never in memory at once (at 100k
    articles it is gigabytes).
    """
    workers = workers if workers is not None else (os.cpu_count() or 1)
    workers = workers if workers > 1 and len(articles) >= documents.PARALLEL_FROM else 1
    chunks = even_chunks(len(articles), workers, statistics.CHUNK)
    counters = Counters(language)
    collected, docs, words = Collected(), [], word_files.Words(default=counters.default)
    job = (bodies, flags, links, counters)
    pool = shards.pool_for(executor, workers)
    for part, some, words_part in pool.map(_count_bodies, articles, job, chunks=chunks, ordered=True):
        collected.add(part)
        words.add(words_part, len(some))
        docs.extend(some)
    return docs, collected, words


class Counters:
    """A counter per language (`languages.analyzer`): a raw token's terms depend on its
    article's language. Articles without `lang` are in the archive's `language`."""

    def __init__(self, language: str) -> None:
        self.default = languages.analyzer(language).lang
        self._counters: dict[str, BulkCounter] = {}

    def lang_of(self, article: Article) -> str:
        return languages.analyzer(article.lang).lang if article.lang else self.default

    def __getitem__(self, lang: str) -> BulkCounter:
        counter = self._counters.get(lang)
        if counter is None:
            counter = self._counters[lang] = BulkCounter(TermNumberer(languages.analyzer(lang)))
        return counter


def _count_bodies(articles: Sequence[Article], indices: Sequence[int], bodies: Mapping[str, object],
                  flags: Mapping[str, tuple[str, ...]], links: urls.Links, counters: Counters
                  ) -> tuple[tuple, list[SearchDoc], tuple]:
    """`statistics.Gatherer.part()`, the documents (without body text) and the words
    (`statistics.count_texts_and_words`) of some articles, in order."""
    indices = list(indices)
    docs: list[SearchDoc | None] = [None] * len(indices)

    def texts(positions):
        for position in positions:
            number = indices[position]
            article = articles[number]
            # Unfolded: the counter splits at white space anyway, and only the snippet needs it folded.
            text = unfolded_text(str(bodies[article.slug]))
            docs[position] = documents.document(number, article, flags[article.slug], links, "",
                                                documents.snippet_of_unfolded(article, text), counters.lang_of(article))
            yield article.title, " ".join(article.tags), documents.body_field(article, text)

    groups: dict[str, list[int]] = {}
    for position, number in enumerate(indices):
        groups.setdefault(counters.lang_of(articles[number]), []).append(position)
    if len(groups) <= 1:  # the usual case: one language
        lang = next(iter(groups), counters.default)
        part, words = statistics.count_texts_and_words(texts(range(len(indices))), counters[lang])
    else:  # each language's articles counted by its own counter, then put back in order
        part, words = statistics.interleaved(
            [(positions, *statistics.count_texts_and_words(texts(positions), counters[lang]))
             for lang, positions in sorted(groups.items())], len(indices))
    return part, docs, words
