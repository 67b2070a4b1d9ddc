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
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, NoReturn

from generator import __version__
from generator import build as build_mod
from generator.archive.config import BadEpoch, default_as_of, normalise_base_url
from generator.archive.model import Problem, ProblemsFound
from generator.build import Options
from generator.output import writer

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Turn an archive of news articles (Markdown files with YAML front-matter under
content/) into a static website that works from disk and on any web host.

Typical use:
  archive init my-archive       create a new archive with an example article
  cd my-archive && archive build
  then open site/index.html in a browser,
  or: archive serve             preview at http://127.0.0.1:8000/, rebuilt on every edit
"""


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="archive",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"article-archive {__version__}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="build the site from content/ into site/",
        description="Build the archive's site. Reads ROOT/archive.yaml (optional), ROOT/content/ "
        "and ROOT/templates/ (optional overrides); writes ROOT/site/ unless --output is given. "
        "The previous site is replaced only when the whole build succeeds.",
    )
    build.add_argument("--root", default=".", metavar="DIR", help="the archive's folder (default: .)")
    build.add_argument(
        "--output", metavar="DIR",
        help="where to write the site (default: ROOT/site). It must be empty, new, "
        "or a folder an earlier build wrote.",
    )
    build.add_argument(
        "--base-url", metavar="URL",
        help="the address the site will be published at, e.g. https://example.org/archive/ "
        "(enables the sitemap, canonical links and absolute feed links)",
    )
    build.add_argument(
        "--pretty-urls", action="store_true", default=None,
        help="links end in '/' instead of '/index.html' (for web hosts; "
        "the default links work when the site is opened from disk)",
    )
    build.add_argument(
        "--lunr-index", action="store_true",
        help="also write search/lunr-index.json (a standard lunr index for other tools) above "
        "5,000 articles, where it is left out by default for its size",
    )
    build.add_argument(
        "--jobs", type=_positive, metavar="N",
        help="worker processes for rendering (default: one per available core)",
    )
    build.add_argument(
        "--no-cache", dest="cache", action="store_false",
        help="neither read nor write ROOT/.cache/build/ (the output is the same either way)",
    )
    build.add_argument("--quiet", action="store_true", help="print only errors")

    init = commands.add_parser(
        "init",
        help="create a new archive folder with an example article",
        description="Create DIR with archive.yaml, content/ and one example article.",
    )
    init.add_argument("dir", metavar="DIR", help="the folder to create (must not exist or be empty)")

    serve = commands.add_parser(
        "serve",
        help="preview the site at http://127.0.0.1:PORT/, rebuilt after every edit",
        description="Build the archive into ROOT/site/, serve it on 127.0.0.1 only, and rebuild it whenever "
        "a file under content/, templates/ or static/, or archive.yaml, changes. Open pages reload by "
        "themselves (the script that does it is added to served pages, never to site/). A build with "
        "problems is shown in the terminal and in the browser; the server keeps running. Ctrl-C stops it.",
    )
    serve.add_argument("--root", default=".", metavar="DIR", help="the archive's folder (default: .)")
    serve.add_argument("--port", default=8000, type=_port, metavar="N",
                       help="the port to listen on (default: 8000; 0 picks a free one)")

    imp = commands.add_parser(
        "import",
        help="turn scraped text, HTML pages, WARC captures and Markdown into articles",
        description="Import PATHs (files, or folders walked recursively) into ROOT/content/YYYY/<slug>.md. "
        "The kind comes from the extension (.txt, .html/.htm, .warc/.warc.gz, .md/.markdown), checked "
        "against the content. Importing again changes nothing; an article edited by hand since its "
        "import is kept as it is unless --force.",
    )
    imp.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to import")
    imp.add_argument("--root", default=".", metavar="DIR",
                     help="the archive's folder (default: .; created with its content/ when missing)")
    imp.add_argument("--force", action="store_true", help="replace articles that were edited by hand")
    imp.add_argument("--dry-run", action="store_true", help="show what would be written; write nothing")
    imp.add_argument("--quiet", action="store_true", help="print only problems and the summary")
    imp.add_argument("--explain", action="store_true",
                     help="under each article, list the input's lines it leaves out or moves into a field, and why")
    imp.add_argument("--captured", metavar="DATE", type=_captured,
                     help="when the scraped text was saved (YYYY-MM-DD[THH:MM]): relative dates in it such as "
                     "'3 hours ago' are read against it (without it they are not read)")
    check = commands.add_parser(
        "check",
        help="verify a built site: links, anchors, images, feed, sitemap, JSON-LD",
        description="Check the built site in ROOT/site/ (or --output) without rebuilding it: every internal "
        "link and #anchor resolves, every image, stylesheet and script exists, the feed parses and its "
        "links resolve, each article's JSON-LD is a NewsArticle, every page has a language and a title, "
        "and sitemap.xml (when a base URL made one) keeps the protocol's limits. Exit 0 when all hold, "
        "1 with one `path:line: message` per problem.",
    )
    check.add_argument("--root", default=".", metavar="DIR", help="the archive's folder (default: .)")
    check.add_argument("--output", metavar="DIR", help="the site to check (default: ROOT/site)")
    check.add_argument("--json", action="store_true",
                       help="print the problems as a JSON list of {path, message, line}")
    return top


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return number


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
    args_parser = parser()
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
    args_parser.print_help(sys.stderr)
    return EXIT_USAGE


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535)")
    return int(text)


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
    output = Path(args.output) if args.output else None
    options = Options(
        root=root, output=output, base_url=args.base_url, pretty_urls=args.pretty_urls,
        display_root=args.root, lunr_index=args.lunr_index, jobs=args.jobs, cache=args.cache,
    )
    shown = args.output or os.path.join(args.root, "site")

    def waiting() -> None:
        print(f"archive: another build is writing {shown}; waiting for it to finish", file=sys.stderr, flush=True)

    try:
        with _progress(enabled=not args.quiet and sys.stderr.isatty()) as progress:
            result = build_mod.build(options, dict(os.environ), progress, waiting)
    except ProblemsFound as exc:
        _print_problems(exc.problems, "nothing was written.")
        return EXIT_PROBLEMS
    except writer.UnsafeOutput as exc:
        print(f"archive: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"archive: error: {_os_error(exc, shown)}; the previous site is untouched", file=sys.stderr)
        return EXIT_PROBLEMS
    if not args.quiet:
        print(_built(result))
    return EXIT_OK


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


def _captured(value: str):
    import datetime as dt

    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD, or YYYY-MM-DDTHH:MM)") from None


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
                             captured=args.captured)
    verbs = {
        "written": "would write" if args.dry_run else "wrote",
        "updated": "would update" if args.dry_run else "updated",
        "kept": "kept", "skipped": "skipped",
    }
    for event in summary.events:
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
        f"skipped {summary.skipped}, failed {summary.failed}"
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
