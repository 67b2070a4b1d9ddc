"""Gold for the sixth held-out round: scraped text (written before the first run).
Run: .venv/bin/python -m eval.heldout6.make_gold"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent / "gold"

TEXTS = {
    "tabloid-scrape.txt": ("Dog walker finds Roman coins in field after storm", "2022-02-22",
                           "A dog walker stumbled", "The coins will now"),
    "nl-scrape.txt": ("Gemeente sluit zwembad wegens hoge energiekosten", "2022-10-14",
                      "Het gemeentelijke zwembad", "De gemeente hoopt"),
    "press-scrape.txt": ("University opens centre for coastal research", "2023-05-09",
                         "The university has opened", "Its director said"),
}


def main() -> None:
    for name, (title, date, first, last) in TEXTS.items():
        lines = [l.strip() for l in (HERE / name).read_text(encoding="utf-8").splitlines() if l.strip()]
        start = next(i for i, l in enumerate(lines) if l.startswith(first))
        end = next(i for i, l in enumerate(lines) if l.startswith(last))
        (GOLD / f"heldout6-{name}.json").write_text(json.dumps(
            {"input": f"heldout6/{name}", "kind": "text", "set": "held-out-6", "title": title, "published": date,
             "body": "\n\n".join(lines[start:end + 1])}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
