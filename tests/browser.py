"""Playwright with Debian's Chromium (Playwright's own browser download cannot work offline)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield launched
        launched.close()


@dataclass
class Watched:
    """What a page did: every request it made, console errors, dialogs opened."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    watched = Watched()
    tab.on("request", lambda r: watched.requests.append(r.url))
    tab.on("console", lambda m: watched.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: watched.errors.append(str(e)))

    def on_dialog(dialog):
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    tab.watched = watched
    yield tab
    context.close()
