"""The engine's front: what the last build into one output folder made, and from what.

build.py asks it three questions, cheapest first: is there nothing to do
(`unchanged`), can a few edited articles be patched in (`patched`), and, when the
full pipeline runs, what may it keep (`manifest`, `inputs`, handed to the pipeline).
"""

from __future__ import annotations

from pathlib import Path

from generator.executors.processes import Background
from generator.incremental import cache, records, search_partner, snapshot
from generator.incremental import manifest as manifests
from generator.job import Clock, Options, Result
from generator.output import folders


class LastBuild:
    def __init__(self, options: Options, output: Path, settings: object, enabled: bool):
        """`settings`: everything besides files that shapes the output (the configuration as
        loaded, options). `enabled`: False without the cache, or when the configuration has
        problems (the pipeline reports them)."""
        self.options, self.output, self.settings = options, output, settings
        self.manifest = manifests.Manifest(options.root, output, options.cache)
        self.inputs: snapshot.Snapshot | None = None
        self.intact: Background | None = None  # whether the site is as the last build left it
        self._enabled = enabled

    def __enter__(self) -> LastBuild:
        if not self._enabled:
            return self
        if self.output.parent.is_dir():
            folders.finish_leftovers(self.output)  # an interrupted commit is finished (and then differs from the manifest)
        # Whether the site is as the last build left it (an lstat of each of its 31,500 files at
        # 10k articles) is asked on the other core from here on: a build with nothing to do, and
        # one that patches an edit, wait for the answer only when they need it.
        if self.manifest.paths is not None:
            self.intact = Background(self.manifest.holds_site)
        self.inputs = snapshot.Snapshot(self.options.root, self.output, self.settings)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.intact is not None:
            self.intact.wait()
        self.manifest.site_intact = self.intact is not None and _answer(self.intact)

    def unchanged(self) -> snapshot.Done | None:
        """What the last build made, if it was made from these very inputs and the output is as it left it."""
        if self.intact is None or self.inputs is None:
            return None
        return self.inputs.unchanged(self.manifest, self.intact)

    def patched(self, config, clock: Clock) -> Result | None:
        """The build's result if only a few article bodies changed and the patch could vouch for
        everything else; else None, with nothing written."""
        if self.intact is None or self.inputs is None:
            return None
        found = self.inputs.edited()
        if found is None or not 0 < len(found.files) <= snapshot.PATCH_LIMIT:
            return None
        # The search side starts on the other core before the page code is even imported.
        search = search_partner.start(self.options.root, self.output, self.manifest)
        try:
            from generator.incremental import patch  # here: a build with nothing to do never loads it

            with cache.opened(self.options.root, "bodies", self.options.cache) as store:
                return patch.attempt(self, config, clock, store, found, search)
        finally:
            search.close()


    def keep_search(self, fingerprint: str, staging, entries: dict) -> bool:
        """Keep every search file of the last build if it made them from `fingerprint` and each is
        as it wrote it (their manifest entries go into `entries`); else keep none."""
        kept = self.manifest.set_paths(manifests.SEARCH, fingerprint)
        if not kept or not self.manifest.holds(kept, manifests.SEARCH):
            return False
        staging.keep_all(kept)
        entries.update({path: self.manifest.entries[path] for path in kept})
        return True

    def previous_search_state(self, version: bytes):
        """The last build's search state (`search/state.py`), if it describes the search files in the
        output as they are; else None."""
        if not self.options.cache:
            return None
        from generator.search import state  # here: a build that keeps the index whole never loads it

        previous = state.load(self._search_state, version)
        if previous is None or not self.manifest.holds_set(manifests.SEARCH, previous.fingerprint, previous.paths):
            return None
        return previous

    def save_search_state(self, state, searched: int) -> None:
        """After the commit: the state that describes the search files now in the output, or none
        (`searched` articles, with no state: the index was made again and is too large to keep)."""
        if not self.options.cache:
            return
        if state is not None:
            state.save(self._search_state)
        elif searched:  # the old state is stale
            self._search_state.unlink(missing_ok=True)

    @property
    def _search_state(self) -> Path:
        return manifests.state_path(self.options.root, self.output, "search")

    def forget_records(self) -> dict[str, tuple[bytes, bytes]]:
        """Before a full build commits: the last build's records (`records.reusable`: an unchanged
        article's is kept), and none on disk until the new ones are saved: they would describe
        another site."""
        if not self.options.cache:
            return {}
        path = records.path_for(self.options.root, self.output)
        previous = records.reusable(path) if self.inputs is not None else {}
        records.remove(path)
        return previous

    def save_records(self, archive, body_of: dict, digests: dict[str, str], shown: dict[str, str], base: bytes,
                     site: object, links: object, feed: tuple[str, ...], previous: dict) -> None:
        """After a full build: what the next one needs to patch this site after an edit of bodies."""
        records.save_build(records.path_for(self.options.root, self.output), self.inputs.digest, archive, body_of,
                           digests, shown, base, site, links, feed, previous)


def _answer(check: Background) -> bool:
    try:
        return bool(check.result())
    except Exception:
        return False
