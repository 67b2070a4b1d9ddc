"""Gold for the fourth held-out round: scraped text only (written before the first run).
Run: .venv/bin/python -m eval.heldout4.make_gold"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent / "gold"

TEXTS = {
    "bbc-scrape.txt": ("Storm Ciara: Rail services cancelled as winds reach 90mph", "2020-02-09",
                       "Rail services across", "The Environment Agency", set()),
    "ap-scrape.txt": ("Senate passes bill to expand veterans' health care", "2022-06-07",
                      "The Senate passed", "Supporters said", set()),
    "station-scrape.txt": ("Man rescued after falling through ice on lake", "2021-01-15",
                           "A man was rescued", "Officials warned", set()),
    "spiegel-scrape.txt": ("Ausbau der Windenergie: Bundesländer streiten über Abstandsregeln", "2021-03-12",
                           "Im Streit um", "Das Bundeswirtschaftsministerium", set()),
    "cnn-scrape.txt": ("Hong Kong leader says new law will not affect freedoms", "2020-06-30",
                       "Hong Kong's leader said", "Speaking at a weekly", set()),
}


def main() -> None:
    for name, (title, date, first, last, skip) in TEXTS.items():
        lines = [l.strip() for l in (HERE / name).read_text(encoding="utf-8").splitlines() if l.strip()]
        start = next(i for i, l in enumerate(lines) if first in l)
        end = next(i for i, l in enumerate(lines) if l.startswith(last))
        chosen = [l for l in lines[start:end + 1] if l not in skip]
        chosen[0] = chosen[0][chosen[0].index(first):]
        (GOLD / f"heldout4-{name}.json").write_text(json.dumps(
            {"input": f"heldout4/{name}", "kind": "text", "set": "held-out-4", "title": title, "published": date,
             "body": "\n\n".join(chosen)}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
