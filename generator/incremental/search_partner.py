"""The search half of a patch build (patch.py), in a process of its own.

It is forked as soon as the snapshot shows a few edited content files. While
the build imports the page code, reads the edits and renders their pages, it
imports numpy and the search code and loads the last build's search state
(together a quarter of a second at 10k articles). Then it takes the edits,
makes the files of their terms, replies with them, and saves the new state
while the build commits (no build trusts a state before the manifest says its
files were made from it).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from generator.archive.model import Article
from generator.executors import processes
from generator.incremental import cache, keys, records
from generator.incremental import manifest as manifests


class Unsure(Exception):
    """The search files cannot be updated from the last build's state: the stages count them again."""


def start(root: Path, output: Path, manifest: manifests.Manifest) -> processes.Partner:
    path = manifests.state_path(root, output, "search")
    return processes.Partner(_prepare, _answer, path, manifest, Path(output))


def _prepare(path: Path, manifest: manifests.Manifest, output: Path) -> tuple:
    from generator.search import index, state  # noqa: F401  (importing them is half of the point)

    return cache.load_checked(path), path, manifest, output


def request(edits: list, links: object, articles: int, lunr: bool) -> tuple:
    """What the search side needs of the edits (new record, old record, body HTML): not the
    records' bodies, whose unpickling would import the Markdown engine; the links, the number
    of articles, and whether lunr-index.json is wanted."""
    edited = [Edit(r.slug, r.doc, r.article, r.flags, records.article_key(r), records.article_key(old), str(html))
              for r, old, html in edits]
    return edited, links, articles, lunr


@dataclass(frozen=True)
class Edit:
    slug: str
    doc: int
    article: Article
    flags: tuple[str, ...]
    key: tuple  # the search key, `keys.article_key`
    old_key: tuple
    html: str


@dataclass(frozen=True)
class Updated:
    """The search side's reply: the index updated for the edits."""

    made: list  # the search files that changed (`OutputFile`s, or `Written` by a worker)
    fingerprint: str  # of the whole index, as a full build would make it
    searched: int  # articles counted
    gone: set[str]  # search files no longer in the index
    added: set[str]  # search files new to it


def _answer(prepared: tuple, request: tuple) -> tuple[Updated, functools.partial]:
    """The reply to a `request`, and the call that saves the new search state after it."""
    from generator.search import index as search_index
    from generator.search import state as search_state

    loaded, path, manifest, output = prepared
    edits, links, articles, lunr = request
    # The pipeline's version, with the archive's language the last build's (a patch never changes it).
    version = keys.code_digest(links, lunr, getattr(loaded, "language", None))
    previous = search_state.usable(loaded, version)
    if previous is None or len(previous.keys) != articles:
        raise Unsure
    if not manifest.holds_set(manifests.SEARCH, previous.fingerprint, previous.paths, look=False):  # the build looks
        raise Unsure
    doc_keys = list(previous.keys)
    for edit in edits:
        if doc_keys[edit.doc] != edit.old_key:
            raise Unsure  # the index is not the one the records describe
        doc_keys[edit.doc] = edit.key
    fingerprint = keys.Fingerprints(version).of(list(reversed(doc_keys)))  # the pipeline's: newest first
    indexing = search_index.Indexing(
        _Sparse(len(doc_keys), {e.doc: e.article for e in edits}), {e.slug: e.flags for e in edits},
        {e.slug: e.html for e in edits}, links, version, doc_keys, lunr,
    )
    try:  # (read before the build's look at the whole site has answered: a file may be gone)
        made = indexing.update(previous, lambda rel: (output / rel).read_bytes())
    except OSError:
        raise Unsure from None
    if made is None:
        raise Unsure  # the whole index is counted again
    state = indexing.state
    state.fingerprint = fingerprint
    reply = Updated(made, fingerprint, indexing.searched, previous.paths - state.paths, state.paths - previous.paths)
    return reply, functools.partial(state.save, path)


class _Sparse(Sequence):
    """The articles in search document order, of which only the edited ones are known."""

    def __init__(self, count: int, known: dict[int, Article]):
        self.count, self.known = count, known

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, number):
        return self.known[number]
