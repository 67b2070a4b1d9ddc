"""What only the server adds to a page: the reload script, and the page that shows a failed build.

Files in site/ are never touched: the script tag is inserted into the bytes of
each HTML response.
"""

from __future__ import annotations

import html
import re

PREFIX = "/__archive__/"  # no site path starts with it: slugs and section names are plain words
SCRIPT_PATH = PREFIX + "reload.js"
VERSION_PATH = PREFIX + "version"

# Polls rather than holding an EventSource open: a browser allows about six
# connections per host, so a dozen open tabs would stall each other.
# The page knows the build it was served from; any other build, or another
# server on the same port after a restart, reloads it.
SCRIPT = b"""\
(() => {
  const served = document.currentScript.dataset.version;
  const poll = async () => {
    try {
      const answer = await fetch("%s", {cache: "no-store"});
      if (answer.ok && (await answer.text()) !== served) return location.reload();
    } catch (e) { /* the server is restarting: keep asking */ }
    setTimeout(poll, 400);
  };
  poll();
})();
""" % VERSION_PATH.encode()

_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def tag(version: str) -> bytes:
    return f'<script src="{SCRIPT_PATH}" data-version="{html.escape(version)}"></script>\n'.encode()


def inject(page: bytes, version: str) -> bytes:
    """The page with the reload script before its last </body> (or at its end)."""
    ends = list(_BODY_END.finditer(page))
    at = ends[-1].start() if ends else len(page)
    return page[:at] + tag(version) + page[at:]


def root_base(page: bytes, mount: str = "/") -> bytes:
    """404.html's relative links are written from the site's root (`mount`); it is served at any depth."""
    head = re.search(rb"<head[^>]*>", page, re.IGNORECASE)
    at = head.end() if head else 0
    return page[:at] + f'\n<base href="{html.escape(mount)}">'.encode() + page[at:]


def failure_page(title: str, lines: list[str], version: str) -> bytes:
    """The page every HTML request gets while the last build failed. All text is escaped."""
    listing = "\n".join(html.escape(line) for line in lines)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed · archive serve</title>
<link rel="icon" href="data:,">
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }}
h1 {{ color: #a00; font-size: 1.4rem; }}
pre {{ background: #fff4f4; border: 1px solid #e0b4b4; padding: 1rem; overflow-x: auto; white-space: pre-wrap; }}
</style>
</head>
<body>
<h1>{html.escape(title)}</h1>
<pre>{listing}</pre>
<p>Fix the files above and save: this page reloads by itself after the next build.
Until then, site/ keeps the last site that built.</p>
{tag(version).decode()}</body>
</html>
""".encode()
