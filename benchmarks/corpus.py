"""A deterministic synthetic archive of news articles, for benchmarks and scale tests.

Articles are 400-1,500 words of Zipf-distributed vocabulary (common English
words, then a long tail of made-up names, as real archives grow new words),
with headings, links, tags, authors, sources, flags and partial dates.
`python -m benchmarks.corpus N DIR` writes an archive root with N articles.
"""

from __future__ import annotations

import argparse
import random
from bisect import bisect
from itertools import accumulate
from pathlib import Path

from generator.archive import frontmatter, schema
from generator.archive.model import Article, Correction, PartialDate, Source

COMMON = """
the of and to in a is that for it as was with be by on not he this are or his from at which but have
an they you were her she there been one all we their has would when if so no will more about can said
year people government police president minister officials report city country state military war
attack forces troops election vote party leader court law judge case trial prison health hospital
doctors virus vaccine school students teachers university money bank economy market prices oil gas
energy climate storm flood fire water food farmers workers union strike company business jobs trade
deal talks peace agreement security border refugees migrants children women family home village town
capital region province north south east west official spokesman statement interview press conference
week month day morning night today yesterday earlier later since during after before while under
against between among through across around outside inside near far high low large small new old
first last second third million billion percent number group members council committee parliament
senate congress campaign candidate opposition protest crowd rally arrest charge investigation evidence
witness victim suspect killed injured dead wounded missing rescue emergency aid support plan policy
reform budget tax spending debt loan crisis recession growth inflation unemployment industry factory
technology internet phone data privacy online social media network video photo camera news paper
editor journalist story article source document letter email message record history museum culture
music film festival church mosque temple religious leaders community residents neighbours streets road
bridge airport train station flight passengers ship port sea river mountain forest island coast
""".split()

SYLLABLES = "ka lo mi ra ten vor shi an del ba qu zu mar tel os ir nev pa go lin sa".split()


def _names(rng: random.Random, count: int) -> list[str]:
    names = set()
    while len(names) < count:
        names.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(names)


class Corpus:
    def __init__(self, seed: int = 7, tail: int = 20_000):
        rng = random.Random(seed)
        self.vocabulary = COMMON + _names(rng, tail)
        weights = [1 / (rank + 1) ** 1.05 for rank in range(len(self.vocabulary))]
        self.cumulative = list(accumulate(weights))
        self.tags = [w.capitalize() for w in rng.sample(COMMON[60:], 40)] + [
            n.capitalize() for n in _names(rng, 200)[:60]
        ]
        self.authors = [f"{a.capitalize()} {b.capitalize()}" for a, b in zip(_names(rng, 80), reversed(_names(rng, 80)))]
        self.sources = ["Daily Courier", "Evening Standard Times", "The Observer Post", "City Herald",
                        "Global Wire", "Morning Ledger", "Coastal Gazette", "National Bulletin"]

    def word(self, rng: random.Random) -> str:
        return self.vocabulary[bisect(self.cumulative, rng.random() * self.cumulative[-1])]

    def sentence(self, rng: random.Random) -> str:
        words = [self.word(rng) for _ in range(rng.randint(8, 24))]
        return " ".join(words).capitalize() + "."

    def article(self, number: int) -> Article:
        rng = random.Random(number * 7919 + 13)
        year = 1995 + number % 30
        precision = rng.random()
        if precision < 0.1:
            published = PartialDate(year)
        elif precision < 0.25:
            published = PartialDate(year, rng.randint(1, 12))
        else:
            published = PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))
        paragraphs, words = [], 0
        target = rng.randint(400, 1500)
        while words < target:
            if paragraphs and rng.random() < 0.12:
                paragraphs.append("## " + " ".join(self.word(rng) for _ in range(4)).capitalize())
            text = " ".join(self.sentence(rng) for _ in range(rng.randint(2, 5)))
            if rng.random() < 0.2:
                text += f" [Read the statement](https://example.org/{number}/{len(paragraphs)})."
            paragraphs.append(text)
            words += len(text.split())
        title = " ".join(self.word(rng) for _ in range(rng.randint(5, 11))).capitalize()
        flags = tuple(f for f in ("archived", "disputed") if rng.random() < 0.15)
        corrections = ()
        if rng.random() < 0.05:
            corrections = (Correction(PartialDate(year, 12, 31), "An earlier version misstated a figure."),)
        return Article(
            file="",
            slug=f"a{number:06d}",
            title=title,
            body="\n\n".join(paragraphs) + "\n",
            published=published,
            authors=tuple(rng.sample(self.authors, rng.randint(0, 2))),
            tags=tuple(rng.sample(self.tags, rng.randint(1, 4))),
            sources=(Source(name=rng.choice(self.sources), url=f"https://news.example/{number}"),),
            flags=flags,
            corrections=corrections,
        )


VERSION_STAMPS = ("20240101080000", "20240102080000", "20240103080000")


def write_archive(count: int, root: Path, seed: int = 7, versions: float = 0.0) -> Path:
    """`versions`: the share of articles (every n-th, from the fifth) with three captures as versions
    (docs/versions.md), each an edit of a sentence of the one before; the article is the last."""
    corpus = Corpus(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "archive.yaml").write_text("title: Synthetic archive\noutdated_after: 10y\n", encoding="utf-8")
    every = round(1 / versions) if versions else 0
    for number in range(count):
        article = corpus.article(number)
        path = root / "content" / f"{article.published.year}" / f"{article.slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = frontmatter.join(schema.to_data(article, default_slug=article.slug), article.body)
        path.write_text(text, encoding="utf-8")
        if every and number % every == 5 % every:
            folder = path.with_suffix(".versions")
            folder.mkdir(exist_ok=True)
            captures = [text]
            for edit in ("a first correction", "a second correction"):  # oldest first: undo them one by one
                captures.insert(0, captures[0].replace(". ", f", before {edit}. ", 1))
            for stamp, capture in zip(VERSION_STAMPS, captures):
                (folder / f"{stamp}.md").write_text(capture, encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("root", type=Path)
    parser.add_argument("--versions", type=float, default=0.0, metavar="SHARE",
                        help="the share of articles with three versions (0.1: one in ten)")
    args = parser.parse_args()
    write_archive(args.count, args.root, versions=args.versions)


if __name__ == "__main__":
    main()
