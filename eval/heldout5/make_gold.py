"""Gold for the fifth held-out round (written before the first run). Run: .venv/bin/python -m eval.heldout5.make_gold"""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent / "gold"

PAGES = {
    "wordpress-local.html": ("Library board picks new director after nationwide search", "2021-10-04",
                             '//div[@class="entry-content"]/p'),
    "spanish-portal.html": ("Aprueban nueva línea de metro para el oriente de la ciudad", "2022-11-08",
                            '//div[@class="nota__cuerpo"]/p'),
}
TEXTS = {
    "syndicated-scrape.txt": ("Stocks rally as inflation cools faster than expected", "2023-03-14",
                              "Stocks closed sharply", "Bond yields"),
    "regional-fr-scrape.txt": ("Un phare breton ouvert au public pour la première fois", "2021-07-02",
                               "Pour la première fois", "Les visites"),
}


def main() -> None:
    for name, (title, date, xpath) in PAGES.items():
        tree = lxml.html.fromstring((HERE / name).read_bytes())
        body = "\n\n".join(" ".join(e.text_content().split()) for e in tree.xpath(xpath))
        _write(name, "html", title, date, body)
    for name, (title, date, first, last) in TEXTS.items():
        lines = [l.strip() for l in (HERE / name).read_text(encoding="utf-8").splitlines() if l.strip()]
        start = next(i for i, l in enumerate(lines) if l.startswith(first))
        end = next(i for i, l in enumerate(lines) if l.startswith(last))
        _write(name, "text", title, date, "\n\n".join(lines[start:end + 1]))


def _write(name, kind, title, date, body):
    (GOLD / f"heldout5-{name}.json").write_text(json.dumps(
        {"input": f"heldout5/{name}", "kind": kind, "set": "held-out-5", "title": title, "published": date,
         "body": body}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
