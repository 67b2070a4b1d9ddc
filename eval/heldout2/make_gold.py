"""Gold for the second held-out round (written before the first run). Run: .venv/bin/python -m eval.heldout2.make_gold"""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent / "gold"

PAGES = {
    "nohead.html": ("Coastal town votes to ban cars from its historic centre", "2022-09-30",
                    '//div[@class="paragraph"]'),
    "giornale.html": ("Il ponte sullo Stretto torna al centro del dibattito", "2023-02-15",
                      '//div[@class="testo"]/*[self::p or self::h2]'),
    "nhk.html": ("新幹線 大雪の影響で一部区間で運転見合わせ", "2022-01-13", '//div[@class="content--body"]/p'),
}
TEXTS = {
    "reuters-scrape.txt": ("UK factory output falls for third month as energy costs bite", None,
                           "British factory output", "\"The sector is facing"),
    "guardian-scrape.txt": ("Rewilding project brings beavers back to river after 400 years", "2023-02-12",
                            "Beavers have returned", "\"It has taken us"),
}


def main() -> None:
    for name, (title, date, xpath) in PAGES.items():
        tree = lxml.html.fromstring((HERE / name).read_bytes())
        body = "\n\n".join(" ".join(e.text_content().split()) for e in tree.xpath(xpath))
        _write(name, "html", title, date, body)
    for name, (title, date, first, last) in TEXTS.items():
        lines = [l.strip() for l in (HERE / name).read_text(encoding="utf-8").splitlines() if l.strip()]
        start = next(i for i, l in enumerate(lines) if first in l)
        end = next(i for i, l in enumerate(lines) if l.startswith(last))
        chosen = lines[start:end + 1]
        chosen[0] = chosen[0][chosen[0].index(first):]
        _write(name, "text", title, date, "\n\n".join(chosen))


def _write(name, kind, title, date, body):
    (GOLD / f"heldout2-{name}.json").write_text(json.dumps(
        {"input": f"heldout2/{name}", "kind": kind, "set": "held-out-2", "title": title, "published": date,
         "body": body}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
