"""The `archive` command's arguments: its commands, their options and help texts."""

from __future__ import annotations

import argparse
import datetime as dt

from generator import __version__

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
        "--jobs", type=positive, metavar="N",
        help="worker processes for rendering (default: one per available core)",
    )
    build.add_argument(
        "--executor", choices=("local", "dask"), default="local",
        help="where a full build's heavy stages run: local worker processes (default), or a Dask "
        "cluster (needs `pip install 'article-archive[dask]'`; see docs/scale.md)",
    )
    build.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="with --executor dask: the scheduler to use, e.g. tcp://10.0.0.5:8786 (default: a "
        "local cluster of --jobs worker processes). The workers must see the archive and the output at the same paths",
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
    serve.add_argument("--port", default=8000, type=port, metavar="N",
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
    imp.add_argument("--captured", metavar="DATE", type=captured,
                     help="when the scraped text was saved (YYYY-MM-DD[THH:MM]): relative dates in it such as "
                     "'3 hours ago' are read against it (without it they are not read); it is also the capture "
                     "time of the inputs' versions, except a WARC record's, which has its own date (without it, a "
                     "scrape or saved page has no capture time and gives no version: a file's time is none)")
    imp.add_argument("--version-of", metavar="SLUG",
                     help="the inputs are new captures of the article with this slug (for scrapes that name no URL)")
    export = commands.add_parser(
        "export",
        help="package the archive for preservation or offline reading: a BagIt bag, a ZIM file",
        description="Package the archive in a format that outlives any host. bagit: a BagIt bag (RFC 8493) "
        "of content/, archive.yaml, templates/, static/ and the site built from them, with SHA-256 "
        "manifests; the same archive gives the same bag. zim: the site as one ZIM file for Kiwix.",
    )
    formats = export.add_subparsers(dest="format", metavar="FORMAT", required=True)
    bag = formats.add_parser(
        "bagit", help="a BagIt bag (RFC 8493) with SHA-256 manifests",
        description="Write a BagIt bag of the archive and its built site into --output (default: ROOT/bag). "
        "The folder must be empty, new, or a bag made by this command.",
    )
    bag.add_argument("--root", default=".", metavar="DIR", help="the archive's folder (default: .)")
    bag.add_argument("--output", metavar="DIR", help="where to write the bag (default: ROOT/bag)")
    bag.add_argument("--quiet", action="store_true", help="print only errors")
    zim = formats.add_parser(
        "zim", help="a ZIM file for Kiwix, the offline reader (needs the zim extra: libzim)",
        description="Build the site as a ZIM needs it and write it into one ZIM file for Kiwix (--output, "
        "default: ROOT/archive.zim), with Kiwix's metadata from archive.yaml, a full-text index, and beside it "
        "OUTPUT.manifest, the SHA-256 of every entry (the same for the same archive). An existing file is "
        "replaced only if this command made it.",
    )
    zim.add_argument("--root", default=".", metavar="DIR", help="the archive's folder (default: .)")
    zim.add_argument("--output", metavar="FILE", help="the ZIM file to write (default: ROOT/archive.zim)")
    zim.add_argument("--no-fulltext", dest="fulltext", action="store_false",
                     help="leave out the full-text index (a smaller file; Kiwix then searches titles only, "
                     "the site's own search page still works)")
    zim.add_argument("--quiet", action="store_true", help="print only errors")

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


def positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return number


def port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535)")
    return int(text)


def captured(value: str):

    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD, or YYYY-MM-DDTHH:MM)") from None
