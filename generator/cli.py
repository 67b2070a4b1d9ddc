"""The `archive` command: argument parsing, progress, messages and exit codes.

Exit codes: 0 success; 1 a problem in the archive's files (articles,
archive.yaml, templates) or its output folder; 2 wrong usage.
Only this module prints.
"""

from __future__ import annotations

import argparse
import errno
import gc
import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, NoReturn

from generator import arguments
from generator import build as build_mod
from generator.archive.config import BadEpoch, default_as_of, normalise_base_url
from generator.archive.model import Problem, ProblemsFound
from generator.build import Options
from generator.output import writer

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def run() -> NoReturn:
    """The `archive` command: `main`, then out at once. Freeing a build's objects one by one
    at exit took 0.15 s at 10k articles, a tenth of a one-edit rebuild; by now every file
    is closed and every worker joined, and only the standard streams need flushing."""
    tune_collector()
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `archive build | head`: the reader is gone, as Python's own exit allows
        pass
    os._exit(code)


def tune_collector() -> None:
    """A build makes hundreds of thousands of long-lived objects and little cyclic garbage. With
    Python's default thresholds, a one-edit rebuild of 10k articles ran 525 collections that
    walked them, 1.0-1.3 s of its 6 s; with these, 5 (0.3 s). Workers inherit them."""
    gc.set_threshold(50_000, 20, 20)


def main(argv: list[str] | None = None) -> int:
    args_parser = arguments.parser()
    try:
        args = args_parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 for --help
        return int(exc.code or 0)
    if args.command == "build":
        return _build(args)
    if args.command == "init":
        return _init(args)
    if args.command == "import":
        return _import(args)
    if args.command == "serve":
        return _serve(args)
    if args.command == "check":
        return _check(args)
    if args.command == "export":
        return _export(args)
    args_parser.print_help(sys.stderr)
    return EXIT_USAGE


def _archive_root(given: str) -> Path | None:
    """The archive's folder, or None after saying why it is not one."""
    root = Path(given)
    if not root.is_dir():
        print(f"archive: error: --root {given}: no such folder", file=sys.stderr)
        return None
    if not (root / "content").is_dir():  # most often: run from the wrong folder
        print(f"archive: error: no content/ folder in {given} (use --root, or `archive init`)", file=sys.stderr)
        return None
    return root


def _build(args: argparse.Namespace) -> int:
    root = _archive_root(args.root)
    if root is None:
        return EXIT_USAGE
    if args.base_url is not None:
        try:
            normalise_base_url(args.base_url)
        except ValueError as exc:
            print(f"archive: error: --base-url: {exc}", file=sys.stderr)
            return EXIT_USAGE
    if not _epoch_ok():
        return EXIT_USAGE
    if args.scheduler is not None and args.executor != "dask":
        print("archive: error: --scheduler needs --executor dask", file=sys.stderr)
        return EXIT_USAGE
    output = Path(args.output) if args.output else None
    options = Options(
        root=root, output=output, base_url=args.base_url, pretty_urls=args.pretty_urls,
        display_root=args.root, lunr_index=args.lunr_index, jobs=args.jobs, cache=args.cache,
        executor=args.executor, scheduler=args.scheduler,
    )
    shown = args.output or os.path.join(args.root, "site")

    def waiting() -> None:
        print(f"archive: another build is writing {shown}; waiting for it to finish", file=sys.stderr, flush=True)

    code, result = _writing(lambda progress: build_mod.build(options, dict(os.environ), progress, waiting),
                            args.quiet, shown, "nothing was written.", "the previous site is untouched")
    if result is not None and not args.quiet:
        print(_built(result))
    return code


def _export(args: argparse.Namespace) -> int:
    root = _archive_root(args.root)
    if root is None or not _epoch_ok():
        return EXIT_USAGE
    if args.format == "zim":
        return _export_zim(args, root)
    from generator.export import bag  # like serve and import: loaded by the command that needs it

    output = Path(args.output) if args.output else root / "bag"
    code, made = _writing(lambda progress: bag.export(root, output, args.root, dict(os.environ), progress),
                          args.quiet, str(output), "no bag was written.", "nothing was replaced")
    if made is not None and not args.quiet:
        print(f"Bagged {made.articles} article{'s' if made.articles != 1 else ''}: {made.files} files, "
              f"{made.bytes / 1e6:.1f} MB -> {made.output}")
    return code


def _export_zim(args: argparse.Namespace, root: Path) -> int:
    from generator.export import zim

    output = Path(args.output) if args.output else root / "archive.zim"
    try:
        code, made = _writing(
            lambda progress: zim.export(root, output, args.root, dict(os.environ), progress, args.fulltext),
            args.quiet, str(output), "no ZIM was written.", "nothing was replaced")
    except zim.MissingLibzim as exc:
        print(f"archive: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if made is not None and not args.quiet:
        print(f"Packed {made.articles} article{'s' if made.articles != 1 else ''} into a ZIM: {made.entries} "
              f"entries, {made.bytes / 1e6:.1f} MB -> {made.output} (content manifest: {made.manifest})")
    return code


def _writing(make, quiet: bool, shown: str, nothing: str, kept: str) -> tuple[int, object]:
    """`make(progress)`, which writes `shown`: (0, what it made), or an exit code after saying why
    it failed (`nothing`: after the problems; `kept`: after an error writing)."""
    try:
        with _progress(enabled=not quiet and sys.stderr.isatty()) as progress:
            return EXIT_OK, make(progress)
    except ProblemsFound as exc:
        _print_problems(exc.problems, nothing)
        return EXIT_PROBLEMS, None
    except writer.UnsafeOutput as exc:
        print(f"archive: error: {exc}", file=sys.stderr)
        return EXIT_USAGE, None
    except OSError as exc:
        print(f"archive: error: {_os_error(exc, shown)}; {kept}", file=sys.stderr)
        return EXIT_PROBLEMS, None


def _os_error(exc: OSError, output: str) -> str:
    if exc.errno == errno.ENOSPC:
        return f"no space left on the device writing {output}"
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{exc.strerror or exc}"


def _epoch_ok() -> bool:
    """A malformed SOURCE_DATE_EPOCH is refused, as the reproducible-builds spec asks: it is how
    the build was invoked (exit 2), not a problem in the archive's files."""
    try:
        default_as_of(dict(os.environ))
    except BadEpoch as exc:
        print(f"archive: error: {exc}", file=sys.stderr)
        return False
    return True


def _print_problems(problems: list[Problem], consequence: str) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    count = len(problems)
    print(f"archive: {count} problem{'s' if count != 1 else ''} found; {consequence}", file=sys.stderr, flush=True)


def _built(result: build_mod.Result) -> str:
    return (
        f"Built {result.articles} article{'s' if result.articles != 1 else ''}, "
        f"{result.pages} pages, {result.changed} files changed "
        f"in {result.seconds:.2f} s -> {result.output}"
    )


def _serve(args: argparse.Namespace) -> int:
    from generator.serve.preview import Outcome, Preview

    root = _archive_root(args.root)
    if root is None:
        return EXIT_USAGE
    if not _epoch_ok():
        return EXIT_USAGE
    # Ctrl-C stops the preview even when the parent process ignored it (a script's background job):
    # Python installs no handler for a signal it inherits as ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)

    def report(outcome: Outcome) -> None:
        if outcome.changed:
            more = f" and {len(outcome.changed) - 3} more" if len(outcome.changed) > 3 else ""
            print(f"Changed: {', '.join(outcome.changed[:3])}{more}", flush=True)
        if outcome.result is not None:
            print(_built(outcome.result), flush=True)
        elif outcome.problems:
            _print_problems(outcome.problems, "the browser shows them until they are fixed.")
        else:
            print(outcome.error, file=sys.stderr, end="")
            print("archive: the build failed; the browser shows why until the next build.", file=sys.stderr, flush=True)

    preview = Preview(Options(root=root, display_root=args.root), args.port, report)
    try:
        try:
            preview.start()
        except writer.UnsafeOutput as exc:
            print(f"archive: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except OSError as exc:
            print(f"archive: error: cannot serve on 127.0.0.1:{args.port}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_USAGE
        print(f"Serving {preview.site} at {preview.url} (Ctrl-C stops)", flush=True)
        preview.wait()
    except KeyboardInterrupt:
        pass
    finally:
        preview.close()
    print("Stopped.", flush=True)
    return EXIT_OK


@contextmanager
def _progress(enabled: bool) -> Iterator[build_mod.Progress | None]:
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description:>9}"), BarColumn(), MofNCompleteColumn(),
        console=Console(stderr=True), transient=True,
    ) as bar:
        tasks: dict[str, int] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done)

        yield update


def _init(args: argparse.Namespace) -> int:
    from generator import scaffold  # like serve and import: loaded by the command that needs it

    try:
        created = scaffold.create(Path(args.dir))
    except scaffold.NotEmpty as exc:
        print(f"archive: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Created {created}. Next: cd {args.dir} && archive build, then open site/index.html")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from generator.ingest import run as ingest

    root = Path(args.root)
    if root.exists() and not root.is_dir():
        print(f"archive: error: --root {args.root}: not a folder", file=sys.stderr)
        return EXIT_USAGE
    if not args.dry_run:
        (root / "content").mkdir(parents=True, exist_ok=True)
    with _progress(enabled=not args.quiet and sys.stderr.isatty()) as progress:
        update = (lambda done, total: progress("import", done, total)) if progress else None
        summary = ingest.run(args.paths, root, force=args.force, dry_run=args.dry_run, progress=update,
                             captured=args.captured, version_of=args.version_of)
    verbs = {
        "written": "would write" if args.dry_run else "wrote",
        "updated": "would update" if args.dry_run else "updated",
        "kept": "kept", "skipped": "skipped",
    }
    for event in summary.events:
        if event.version and (args.dry_run or not args.quiet):
            print(f"{'would add' if args.dry_run else 'added'} version {event.version} <- {event.input}")
        if event.note and event.status in ("written", "updated", "version"):  # a warning, not a failure's form
            print(f"{event.input} -> {event.path}: {event.note}", file=sys.stderr)
        if event.status == "failed":
            print(f"{event.input}: {event.note}", file=sys.stderr)
        elif event.status == "kept":
            print(f"kept {event.path}: {event.note} <- {event.input}", file=sys.stderr)
        elif event.status == "skipped":
            where = f" {event.path}" if event.path else ""
            print(f"{event.input}: {verbs[event.status]}{where}: {event.note}", file=sys.stderr)
        elif event.status in verbs and (args.dry_run or not args.quiet):
            print(f"{verbs[event.status]} {event.path} <- {event.input}")
        if args.explain and event.dropped:
            if event.status not in verbs or args.quiet and not args.dry_run:
                print(f"{event.path} <- {event.input}")
            for why, line in event.dropped:
                print(f"  {why}: {line if len(line) <= 100 else line[:99] + '…'}")
    prefix = "Dry run: would have imported" if args.dry_run else "Imported"
    print(
        f"{prefix} {summary.imported}, unchanged {summary.unchanged}, kept {summary.kept}, "
        f"skipped {summary.skipped}, failed {summary.failed}, new versions {summary.versions}"
    )
    return EXIT_PROBLEMS if summary.failed else EXIT_OK


def _check(args: argparse.Namespace) -> int:
    import json

    from generator import check

    if not args.output and not Path(args.root).is_dir():
        print(f"archive: error: --root {args.root}: no such folder", file=sys.stderr)
        return EXIT_USAGE
    site = Path(args.output) if args.output else Path(args.root) / "site"
    checker = check.Checker(site)
    try:
        problems = checker.run()
    except check.NotASite as exc:
        print(f"archive: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        listed = [{"path": p.path, "message": p.message, **({"line": p.line} if p.line else {})} for p in problems]
        print(json.dumps(listed, ensure_ascii=False, indent=1))
    else:
        for problem in problems:
            print(problem)
    count = len(problems)
    summary = f"{count} problem{'s' if count != 1 else ''}" if count else "no problems"
    print(f"Checked {checker.pages} pages in {site}: {summary}", file=sys.stderr if count or args.json else sys.stdout)
    return EXIT_PROBLEMS if problems else EXIT_OK
