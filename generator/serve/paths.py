"""Which file inside the site folder a request path names; nothing outside it, ever."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

INDEX = "index.html"


@dataclass(frozen=True)
class Target:
    file: Path
    redirect: str | None = None  # a folder asked for without its '/': where to send the browser


def mount_of(base_url: str | None) -> str:
    """The path the site is served under: the base_url's, as a browser sends it
    (`https://example.org/news/` -> `/news/`), so that a preview is hosted as the site will be."""
    if base_url is None:
        return "/"
    path = quote(unquote(urlsplit(base_url).path), safe="/:@!$&'()*+,;=-._~")
    return path if path.endswith("/") else path + "/"


def locate(site: Path, request_path: str) -> Target | None:
    """The file `request_path` (as sent, percent-encoded, without query) names, or None.

    None for anything that is missing, and for anything that would leave the
    site: `..` in any spelling (`%2e%2e`, `..%2f`), backslashes, NUL bytes,
    and symbolic links that point outside it.
    """
    try:
        decoded = unquote(request_path, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\x00" in decoded or "\\" in decoded:
        return None
    parts = [part for part in decoded.split("/") if part not in ("", ".")]
    if ".." in parts:  # refused rather than normalised: no client of ours sends one
        return None
    try:
        base = site.resolve(strict=True)
        found = base.joinpath(*parts).resolve()
        if not found.is_relative_to(base):
            return None
        redirect = None
        if found.is_dir():
            if parts and not decoded.endswith("/"):
                # Relative links in a folder's index.html only work from `folder/`.
                redirect = "/" + "/".join(quote(part) for part in parts) + "/"
            found = (found / INDEX).resolve()
            if not found.is_relative_to(base):
                return None
        if not found.is_file():
            return None
    except (OSError, ValueError):  # no site yet, a name too long, ...
        return None
    return Target(found, redirect)

