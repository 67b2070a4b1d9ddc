"""Helpers shared by several test files: file trees, article files, builds, sample inputs."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from benchmarks.corpus import Corpus
from generator import build
from generator.executors import local as workers
from generator.search.documents import SearchDoc

REPO = Path(__file__).resolve().parent.parent


EPOCH = "1767225600"  # 2026-01-01T00:00:00Z: every test build is reproducible


def make_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: text or bytes} under root and return root."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


def article(front: str, body: str = "Some text.\n") -> str:
    """An article file: `front` is the YAML between the fences."""
    return f"---\n{front.strip()}\n---\n\n{body}"


def site_files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()
    }


VARIED = {
    "archive.yaml": "title: Varied\nper_page: 2\noutdated_after: 1y\n",
    "content/2019/a.md": article(
        "title: A\npublished: 2019-03-02\ntags: [Économie, war]\nauthors: [Zoë Ng]\n"
        "image: {src: a/pic.png, alt: pic}\nsources: [{name: Le Monde, url: 'https://lemonde.example/a'}]",
        "Body with [a link](https://example.org) and ![remote](https://cdn.example/x.png).\n\n## Part two\n\nMore.[^n]\n\n[^n]: A note.\n",
    ),
    "content/2019/a/pic.png": b"png",
    "content/2019/b.md": article("title: B\npublished: 2019-03\ntags: [war]\nflags: [retracted]"),
    "content/2020/c.md": article("title: C\npublished: 2020\nauthors: [Zoë Ng]"),
    "content/2020/d.md": article("title: D\npublished: 2020-12-31T23:59:00+05:00\nimage: {src: 'http://x.example/i.jpg'}"),
    "content/e.md": article("title: E undated"),
}


PARAGRAPHS = [
    "The city council voted on Tuesday to close the old harbour bridge for repairs, a decision that will "
    "force thousands of commuters onto ferries for most of next year.",
    "Engineers found cracks in two of the bridge's steel supports during an inspection in the spring, "
    "according to a report presented to the council before the vote.",
    "“We cannot take risks with people's lives,” said the mayor, who had argued for the closure for months.",
    "Business owners near the bridge said they feared losing customers, and asked the council for help "
    "with the cost of the disruption.",
]


def page(*, lang="en", extra_head="", byline=True, json_ld=True, image="https://cdn.example.org/img/bridge.jpg",
         paragraphs=PARAGRAPHS) -> str:
    ld = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": "Harbour bridge to close for a year",
        "datePublished": "2021-04-06T09:30:00+02:00", "dateModified": "2021-04-07T10:00:00+02:00",
        "author": [{"@type": "Person", "name": "Ann Example"}, {"@type": "Person", "name": "Bo Writer"}],
    }
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs[:2]) + \
        '\n<h2>What happens next</h2>\n<p onclick="steal()">' + paragraphs[2] + \
        '</p>\n<script>track("read")</script><style>p{color:red}</style>\n' + \
        "\n".join(f"<p>{p}</p>" for p in paragraphs[3:]) + \
        '\n<p>Read the <a href="https://example.org/report.pdf?utm_source=site&amp;id=7">full report</a> ' \
        'or <a href="javascript:alert(1)">click here for nothing at all, really nothing</a>.</p>'
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>Harbour bridge to close for a year | The Harbour Times</title>
<meta property="og:site_name" content="The Harbour Times">
<meta property="og:title" content="Harbour bridge to close for a year">
<meta property="og:url" content="https://example.org/news/harbour-bridge?utm_campaign=x">
<meta property="og:image" content="{image}">
<meta name="description" content="Commuters face a year of ferries.">
{'<script type="application/ld+json">' + json.dumps(ld) + '</script>' if json_ld else ''}
{extra_head}</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<div class="cookie-banner">We use cookies. <button>Accept all</button></div>
<main><article><h1>Harbour bridge to close for a year</h1>
{'<p class="byline">By Ann Example and Bo Writer</p>' if byline else ''}
<figure><img src="{image}" alt="The harbour bridge at dusk"><figcaption>The bridge at dusk.</figcaption></figure>
{body}
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Other story one</a></li><li><a href="/b">Other story two</a></li></ul></aside>
</main><footer><p>© 2021 The Harbour Times</p><a href="/privacy">Privacy</a></footer></body></html>"""


STORY = """\
{title}

By Ann Example

June 3, 2021

The council approved the new harbour plan on Tuesday after a long debate that ran late into the evening, officials said.

Opponents said the plan would raise costs for small fishing businesses, while supporters said it would bring new jobs.
"""


def sample_docs(n=80):
    corpus = Corpus(seed=5, tail=2000)
    docs = []
    for i in range(n):
        a = corpus.article(i)
        docs.append(SearchDoc(i, f"{a.published.year}/{a.slug}/index.html", a.title, a.tags, a.body,
                              None, None, a.published.year, (), (), ""))
    return docs


SIZE = workers.MIN_PARALLEL + 16  # enough articles for the work to go to worker processes


def run(root: Path, output: Path | None = None, **options) -> build.Result:
    return build.build(build.Options(root=root, output=output, **options))


def cold(root: Path, where: Path) -> dict[str, bytes]:
    """A build of a copy of the root with no cache and no previous site."""
    copy = where / "cold-root"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".cache", "site"))
    run(copy, where / "cold-site")
    return site_files(where / "cold-site")


def append_to(path: Path, text: str = "\nAppended.\n") -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def retitled(path: Path) -> None:
    """An edit that listings show: a build through the stages, not a patch of one page (patch.py)."""
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: Now ", 1), encoding="utf-8")


def one_article(root: Path) -> Path:
    return sorted((root / "content").rglob("*.md"))[SIZE // 2]


ARTICLE = "content/2020/a.md"


def edit(root: Path, rel: str, text: str) -> None:
    """Save as careful editors do (write, then rename), so no build reads half a file."""
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.saving")  # hidden: never read as an article
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)


def nth(root: Path, n: int) -> Path:
    return sorted((root / "content").rglob("*.md"))[n]


def body_words(path: Path, new: str) -> None:
    """Replace the article's first paragraph (its terms may vanish from the archive) with new words."""
    text = path.read_text(encoding="utf-8")
    head, _, body = text.partition("\n---\n")
    paragraphs = body.strip().split("\n\n")
    path.write_text(f"{head}\n---\n\n{new}\n\n" + "\n\n".join(paragraphs[1:]) + "\n", encoding="utf-8")


def write_warc(path, captures, image: bytes | None = None) -> None:
    """A WARC (gzipped if the name ends in .gz) of HTML responses, `captures` = [(uri, WARC-Date, html)];
    then, if given, an image response, and always a request record (which an import must skip)."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=str(path).endswith(".gz"))
        for uri, stamp, html in captures:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(html.encode()), http_headers=headers,
                warc_headers_dict={"WARC-Date": stamp}))
        if image is not None:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                "https://cdn.example.org/img/bridge.jpg", "response", payload=io.BytesIO(image),
                http_headers=headers, warc_headers_dict={"WARC-Date": "2021-04-08T12:00:00Z"}))
        writer.write_record(writer.create_warc_record(
            "https://example.org/robots.txt", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))


# The canonical URL of `page()` (its og:url without the tracking parameter).
PAGE_URL = "https://example.org/news/harbour-bridge"

# A scraped article for the furniture and page-start tests.
FERRY_HEADLINE = "Harbour council approves new ferry timetable after long debate"
FERRY_PARAGRAPHS = [
    "The harbour council on Tuesday approved a new ferry timetable that adds two early crossings on weekdays "
    "and one late crossing on Saturdays, ending a debate that lasted most of the year.",
    "Council members said the change would help people who work early shifts on the island, while the ferry "
    "company warned that the extra crossings would raise its fuel costs by about a tenth.",
    "The new timetable starts in March. Tickets bought before then stay valid, the council said in a statement "
    "after the vote, which passed by nine votes to four.",
]
FERRY_ARTICLE = "\n\n".join(FERRY_PARAGRAPHS)


# An archive of seven languages for the search tests.
MIXED = {
    "archive.yaml": "title: Mixed\nlanguage: en\n",
    "content/2021/en.md": article(
        "title: Council arms the guards\npublished: 2021-01-01",
        "The council voted to give the harbour guards new arms and houses for their horses.\n"),
    "content/2021/de.md": article(
        "title: Neue Häuser am Hafen\npublished: 2021-01-02\nlang: de",
        "Die Stadt baut neue Häuser für die Familien. Der Bürgermeister hob die Arme.\n"),
    "content/2021/fr.md": article(
        "title: Les chevaux du port\npublished: 2021-01-03\nlang: fr",
        "Les chevaux de la ville sont rentrés à l'écurie après la course.\n"),
    "content/2021/es.md": article(
        "title: Las casas nuevas\npublished: 2021-01-04\nlang: es-MX",
        "Las ciudades construyeron casas para los trabajadores del puerto.\n"),
    "content/2021/ru.md": article(
        "title: Новые книги\npublished: 2021-01-05\nlang: ru",
        "В библиотеке города появились новые книги о море.\n"),
    "content/2021/zh.md": article(
        "title: 北京新闻\npublished: 2021-01-06\nlang: zh",
        "北京市政府今天宣布了新的港口计划。\n"),
    "content/2021/ja.md": article(
        "title: 東京の駅\npublished: 2021-01-07\nlang: ja",
        "東京で今日、新しい駅が開業しました。\n"),
    "content/2021/ar.md": article(
        "title: أخبار الميناء\npublished: 2021-01-08\nlang: ar",
        "افتتحت المدينة ميناء جديدا اليوم.\n"),
}
