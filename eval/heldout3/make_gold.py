"""Gold for the third held-out round (written before the first run). Run: .venv/bin/python -m eval.heldout3.make_gold"""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent / "gold"

PAGES = {
    "amp.html": ("Wildfire smoke closes schools across three counties", "2020-09-11",
                 '//div[@class="article-body"]/*[self::p or self::h2]'),
    "timesish.html": ("A Small Town's Fight to Keep Its Last Grocery Store", "2019-05-18",
                      '//section[@name="articleBody"]//div[@class="css-53u6y8"]/*[self::p or self::h2]'),
    "g1-pt.html": ("Chuva forte alaga ruas e derruba árvores na capital", "2020-06-03",
                   '//div[contains(@class, "content-text") or contains(@class, "content-intertitle")]'
                   '[not(.//strong)]//*[self::p or self::h2]'),
}
KOREAN = ["서울시는 내년 1월부터 지하철 기본요금을 200원 인상한다고 5일 밝혔다.",
          "시는 적자가 계속 늘어나고 있어 요금 인상이 불가피하다고 설명했다. 지하철 요금이 오르는 것은 2015년 이후 처음이다.",
          "시민단체들은 물가가 오르는 상황에서 서민들의 부담이 커질 것이라며 반대 입장을 밝혔다.",
          "서울시는 청소년과 노인에 대한 할인 혜택은 그대로 유지할 계획이라고 덧붙였다."]
TEXTS = {
    "times-scrape.txt": ("A Small Town Keeps Its Last Grocery Store", "2019-05-18", "For almost sixty years",
                         "The cooperative has kept", {"Advertisement", "Continue reading the main story"}),
    "monde-scrape.txt": ("La canicule pousse les villes à rouvrir leurs fontaines", "2022-07-18", "Face à la vague",
                         "Les associations d'aide",
                         {"Lire aussi : Canicule : les gestes à adopter pour se protéger de la chaleur"}),
}


def main() -> None:
    for name, (title, date, xpath) in PAGES.items():
        tree = lxml.html.fromstring((HERE / name).read_bytes())
        body = "\n\n".join(" ".join(e.text_content().split()) for e in tree.xpath(xpath))
        if name == "timesish.html":
            body = body.replace("HARTWELL, Neb. — ", "", 1)  # the dateline is not body text
        _write(name, "html", title, date, body)
    _write("korean.html", "html", "서울 지하철 요금 내년부터 인상", "2021-03-05", "\n\n".join(KOREAN))
    for name, (title, date, first, last, skip) in TEXTS.items():
        lines = [l.strip() for l in (HERE / name).read_text(encoding="utf-8").splitlines() if l.strip()]
        start = next(i for i, l in enumerate(lines) if first in l)
        end = next(i for i, l in enumerate(lines) if l.startswith(last))
        chosen = [l for l in lines[start:end + 1] if l not in skip]
        chosen[0] = chosen[0][chosen[0].index(first):]
        _write(name, "text", title, date, "\n\n".join(chosen))


def _write(name, kind, title, date, body):
    (GOLD / f"heldout3-{name}.json").write_text(json.dumps(
        {"input": f"heldout3/{name}", "kind": kind, "set": "held-out-3", "title": title, "published": date,
         "body": body}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
