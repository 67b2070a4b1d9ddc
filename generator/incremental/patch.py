"""A build after edits of article bodies alone: their pages, the feed and their search terms.

The stages (stages.py) read every article, assemble the archive and fingerprint
every page: seconds at 10k articles, to find after a one-sentence edit that
one page changed. When the snapshot shows that only some content files
changed (none added or removed; no template, static file, setting or code),
and each still reads as the same article that other pages show exactly as
before (front matter, excerpt and images: `keys.shown_digest`), nothing else
can differ but its own page, the feed if it is one of the newest, and the
search files of its terms. Those are made from the last build's records
(records.py) and every other file is kept.

Anything this cannot vouch for (a problem in the file, a new title or excerpt,
a missing or damaged record, search files that must be counted again) sends
the build through the stages instead, before anything was written: they
report problems as ever, and the output is the same either way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import jinja2

from generator.archive import layout, versions
from generator.executors import processes
from generator.incremental import keys, records, search_partner
from generator.incremental import manifest as manifests
from generator.incremental.body_store import Store
from generator.incremental.snapshot import Done, Edited
from generator.job import Clock, Result
from generator.load import bodies, content
from generator.output import writer
from generator.render import contexts, rendering, templates

if TYPE_CHECKING:
    from generator.incremental.last_build import LastBuild


class Edit(NamedTuple):
    """An edited article: its new record, the last build's, and its body's HTML."""

    new: records.Record
    old: records.Record
    html: object  # Markup


class Declined(Exception):
    """Something this path cannot vouch for: the stages do the build."""


def attempt(last: LastBuild, config, clock: Clock, store: Store, found: Edited,
            search: processes.Partner) -> Result | None:
    """The build's result if only article bodies changed; else None, with nothing written.
    `found`: a few edited files (`Snapshot.edited`). Nothing is committed before `last.intact`
    (whether the output holds every file the last build wrote, as it wrote it) has passed.
    `search`: the search side (search_partner.start)."""
    saved = records.Records.load(records.path_for(last.options.root, last.output))
    if saved is None:
        return None
    if saved.header.inputs != found.inputs:
        saved.close()
        return None
    try:
        return _Patch(last, config, clock, store, saved, search).run(found.files, found.done)
    except Declined:
        return None
    finally:
        saved.close()


def _tidy(manifest: manifests.Manifest, entries: dict, every: list[str], sets: dict[str, str], store: Store,
          used: set[str]) -> None:
    manifest.save(entries, every, sets)
    store.keep_only(used)


class _Patch:
    def __init__(self, last: LastBuild, config, clock: Clock, store: Store, saved: records.Records,
                 search: processes.Partner):
        self.options, self.output, self.config, self.clock = last.options, last.output, config, clock
        self.manifest, self.inputs, self.store, self.saved = last.manifest, last.inputs, store, saved
        self.intact = last.intact  # whether the output holds every file the last build wrote, as it wrote it
        self.search = search
        self.root, self.header = last.options.root, saved.header
        self.searched = 0
        self.fingerprint = ""  # the search files'

    def run(self, rels: list[str], last: Done) -> Result:
        """`last`: what the last build made."""
        edits, misses = self._read(rels)
        self.clock.lap("read")
        if not edits:  # the files were only touched: the site is as it was
            self._check_site()
            self._save_records(edits, self._whole())
            self._save_snapshot(last)
            return self._result(0, misses, rels, last)
        staging = writer.Staging(self.output)
        entries = dict(self.manifest.entries)
        try:
            changed = self._pages(edits, staging, entries)
            changed += self._feed(edits, staging, entries)
            self.clock.lap("render")
            changed_search, gone, added = self._search(edits, staging, entries)
            changed += changed_search
            self.clock.lap("search")
        except BaseException:
            staging.abort()
            raise
        # The search side saves the new search state from here on. No build trusts a state before
        # the manifest says its files were made from it (`Manifest.holds_set`): if the commit
        # does not happen, the next build counts the index again, and its output is the same.
        try:
            try:
                every = (set(self.manifest.paths) - gone) | added
                staging.keep_all(every - staging.written)
                for path in set(entries) - every:
                    del entries[path]
                whole = self._whole()
                self._check_site()
                if whole is None:
                    self.saved.detach()  # until the new ones are saved: they would describe another site
                else:
                    records.remove(self.saved.path)
                changed += staging.commit(every, self.manifest.paths, self.manifest.token, intact=True)  # (_check_site)
            except BaseException:
                staging.abort()
                raise
            # The manifest too is written by another process meanwhile, which also drops the
            # bodies no article uses any more, as the stages do (the cache does not grow); the
            # snapshot, which tells the next build what this one made, last.
            for record, _, _ in edits:
                self.header.bodies[record.slug] = record.body.key
            self.store.flush()  # the new bodies' pack: only the process that wrote it may finish it
            # `every` as the last build's list with the changes: nearly sorted, and so quick to sort.
            listed = [path for path in self.manifest.paths if path not in gone] if gone else self.manifest.paths
            listed = [*listed, *added.difference(listed)]
            with processes.beside(_tidy, self.manifest, entries, listed, {manifests.SEARCH: self.fingerprint}, self.store,
                                set(self.header.bodies.values()) | self.header.kept):
                self._save_records(edits, whole)
            self.search.finish()  # the state saved, or its failure raised
        finally:
            self.search.close()  # (after a failure: once the state's save is over)
        made = Done(last.articles, last.pages, len(every))  # the same pages: only search files come or go
        self._save_snapshot(made)
        return self._result(changed, misses, rels, made, len(edits))

    def _check_site(self) -> None:
        if not self.intact.result():
            raise Declined  # a file of the site changed or went: the stages make it again

    def _whole(self) -> dict[str, bytes] | None:
        """Every record, if the file must be written anew; None if the new ones are appended."""
        if self.saved.appendable():
            return None
        return self.saved.every_pickled() or {}

    def _save_records(self, edits: list, whole: dict[str, bytes] | None) -> None:
        """The records, with the edited articles' anew."""
        changed = {}
        for record, _, _ in edits:
            changed[record.slug] = records.pickled(record)
            self.header.keys[record.slug] = records.key_of(record)
        self.header.inputs = self.inputs.digest
        if whole is None:
            self.saved.append(changed)
        elif whole:
            records.save(self.saved.path, self.header, {**whole, **changed})

    def _save_snapshot(self, made: Done) -> None:
        self.inputs.save(made)
        self.clock.lap("write")

    def _result(self, changed: int, misses: int, rels: list[str], made: Done, rendered: int = 0) -> Result:
        return Result(
            articles=made.articles, pages=made.pages, files=made.files, changed=changed,
            seconds=self.clock.elapsed(), output=self.output, timings=self.clock.timings,
            rendered_bodies=misses, rendered_pages=rendered, searched=self.searched, read=len(rels),
            base_url=self.config.base_url, patched=True,
        )

    def _read(self, rels: list[str]) -> tuple[list[Edit], int]:
        """Each edited article: its new record, its old one and its HTML; and how many bodies were rendered."""
        edits, misses = [], 0
        for rel in rels:
            slug = self.header.files.get(rel)
            old = self.saved.get(slug) if slug else None
            if old is None:
                raise Declined  # not an article the last build made a page of (a version file, say)
            if (self.root / versions.folder_of(rel)).is_dir():
                raise Declined  # its version and diff pages show it: the stages make them
            source = content.SourceFile(self.root / rel, rel, layout.shown_path(self.options.display_root, rel))
            reading, rendered = bodies.read_one(source, self.config.tzinfo, self.store)
            article, body, digest = reading.article, reading.body, reading.digest
            misses += rendered
            if (article is None or reading.problems or article.slug != slug or body.images != old.body.images
                    or reading.shown != old.shown):
                raise Declined  # what other pages show of it changed, or the stages must report a problem
            if digest == old.digest:
                continue  # the same bytes (touched, or written back)
            html = bodies.Html(self.store, {slug: body}, self.root, {slug: rel}, self.config.tzinfo)[slug]
            new = records.Record(slug, digest, old.shown, body, article, old.flags, old.outdated_reason,
                                 old.older, old.newer, old.doc)
            edits.append(Edit(new, old, html))
        return edits, misses

    def _neighbour(self, slug: str | None) -> records.Record | None:
        if slug is None:
            return None
        found = self.saved.get(slug)
        if found is None:
            raise Declined
        return found

    def _pages(self, edits: list, staging: writer.Staging, entries: dict) -> int:
        """Each edited article's page, keyed as a full build keys it (keys.py)."""
        header, changed = self.header, 0
        env = templates.environment(self.root, cache=True)
        fingerprints = keys.Fingerprints(header.base)
        for record, _, html in edits:
            near = [self._neighbour(record.older), self._neighbour(record.newer)]
            items = [contexts.item(r.article, r.flags, r.body.excerpt) if r else None for r in near]
            own = contexts.item(record.article, record.flags, record.body.excerpt)
            page = contexts.article_page(record.article, html, own, record.outdated_reason, *items, header.site,
                                      header.links)
            key = keys.article_page_key(records.article_key(record), *(r and records.item_key(r) for r in near))
            try:
                data = rendering.render_page(env, header.site, page, header.links)
            except jinja2.TemplateError:
                raise Declined from None  # the stages report it, with its place in the template
            placed, info = staging.put(page.path, data)
            changed += placed
            entries[page.path] = manifests.entry(fingerprints.page(page.path, key), info)
        return changed

    def _feed(self, edits: list, staging: writer.Staging, entries: dict) -> int:
        """The feed again if it shows an edited article."""
        edited = {record.slug: record for record, _, _ in edits}
        if not edited.keys() & set(self.header.feed):
            return 0
        shown = [edited[slug] if slug in edited else self._neighbour(slug) for slug in self.header.feed]
        html_of = bodies.Html(self.store, {r.slug: r.body for r in shown}, self.root,
                              {r.slug: r.article.file for r in shown}, self.config.tzinfo)
        excerpts = {r.slug: r.article.summary or r.body.excerpt for r in shown}
        from generator.render import feeds  # here: most edits are of articles the feed does not show (10 ms to import)

        file = feeds.atom(self.config, [r.article for r in shown], self.header.links, html_of, excerpts)
        placed, info = staging.put(file.path, file.data)
        entries[file.path] = manifests.entry("", info)
        return placed

    def _search(self, edits: list, staging: writer.Staging, entries: dict) -> tuple[int, set[str], set[str]]:
        """The search files of the edited documents' terms, as the stages' update makes them,
        by the search side (search_partner.py): how many changed, and the search files gone and added."""
        try:
            updated = self.search.ask(search_partner.request(
                edits, self.header.links, self.header.articles, self.options.lunr_index))
        except search_partner.Unsure:
            raise Declined from None
        self.fingerprint, self.searched = updated.fingerprint, updated.searched
        return manifests.place_search_files(updated.made, staging, entries), updated.gone, updated.added
