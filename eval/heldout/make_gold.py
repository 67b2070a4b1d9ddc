"""Gold for the held-out pages: written after the pages, before they were ever run through the importer.

The body is the text of the article's own paragraphs and subheadings, chosen by
hand with an XPath per page (not the reader's code), minus the inline furniture
listed beside it. Run: .venv/bin/python -m eval.heldout.make_gold
"""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent / "gold"

PAGES = {
    "world-news.html": ("Glacier melt forces alpine village to move its water supply", "2021-08-09",
                        '//div[@class="content__article-body"]/*[self::p or self::h2]'),
    "broadcaster.html": ("Ferry operator fined after engine fire on crowded crossing", "2022-03-17",
                         '//div[@data-component="text-block" or @data-component="subheadline-block"]//*[self::p or self::h2]'),
    "diario.html": ("Los embalses del sur alcanzan su nivel más bajo en tres décadas", "2023-04-12",
                    '//div[@class="articulo-cuerpo"]/*[(self::p and not(@class)) or self::h3]'),
    "regional-de.html": ("Bahnstrecke nach Unwetter wochenlang gesperrt", "2021-07-19",
                         '//div[@class="article__text"]/p'),
    "journal-fr.html": ("À Lyon, les vélos-cargos séduisent les livreurs du centre-ville", "2022-06-03",
                        '//section[@class="article__content"]/*[@class="article__paragraph" or self::h2]'),
    "portal-zh.html": ("多地启动夏季防汛应急响应", "2021-06-21", '//div[@class="article-content"]/p'),
    "blog.html": ("The night the lights went out on Main Street", "2020-11-14",
                  '//div[contains(@class, "post-body")]/div[normalize-space()]'),
}
TEXTS = {
    # name: (title, date, first body line, last body line, lines inside that range that are not body)
    "wire-scrape.txt": ("Volcano eruption sends ash cloud over island, flights grounded", "2022",
                        "A volcano on a remote", "Ferries to neighbouring", {"Advertisement"}),
    "local-scrape.txt": ("School district approves four-day week for next year", "2020-01-28",
                         "The county school board", "The superintendent said", set()),
    "kurier-scrape.txt": ("Stadt verbietet Feuerwerk in der Altstadt", "2019-12-31",
                          "Die Stadt verbietet", "Händler in der Altstadt", {"Anzeige"}),
}


def main() -> None:
    for name, (title, date, xpath) in PAGES.items():
        tree = lxml.html.fromstring((HERE / name).read_bytes())
        body = "\n\n".join(" ".join(e.text_content().split()) for e in tree.xpath(xpath))
        _write(name, "html", title, date, body)
    for name, (title, date, first, last, skip) in TEXTS.items():
        lines = [l.strip() for l in (HERE / name).read_text(encoding="utf-8").splitlines() if l.strip()]
        start = next(i for i, l in enumerate(lines) if first in l)
        end = next(i for i, l in enumerate(lines) if l.startswith(last))
        chosen = [l for l in lines[start:end + 1] if l not in skip]
        chosen[0] = chosen[0][chosen[0].index(first):]  # the dateline is not body text
        _write(name, "text", title, date, "\n\n".join(chosen))


def _write(name: str, kind: str, title: str, date: str | None, body: str) -> None:
    (GOLD / f"heldout-{name}.json").write_text(json.dumps(
        {"input": f"heldout/{name}", "kind": kind, "set": "held-out", "title": title, "published": date,
         "body": body}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
