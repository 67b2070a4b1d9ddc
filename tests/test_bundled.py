"""The bundled archive: the seed article reads as the issue describes it."""

import re

from generator.load import content
from tests.helpers import REPO

SEED_DIR = "2020/pentagon-report-says-russia-working-with-the-taliban-others-to-expedite-us"


def test_the_seed_article_front_matter(tmp_path):
    articles, problems = content.load(REPO, ".", __import__("datetime").timezone.utc)
    assert problems == []
    [seed] = articles
    assert seed.title == "Pentagon report says Russia working with the Taliban, others to expedite US withdrawal from Afghanistan"
    assert seed.published.precision == "year" and seed.published.year == 2020
    assert seed.dateline == "(CNN)"
    assert [s.name for s in seed.sources] == ["CNN"]
    assert seed.flags == ("archived",)
    assert seed.authors == ()  # the photographer is not the author
    assert seed.image.credit == "THOMAS WATKINS/AFP/Getty Images"
    assert seed.image.caption.startswith("In this photo taken on June 6, 2019")
    assert len(seed.rights) == 2 and "© 2020 Cable News Network" in seed.rights[0]
    assert seed.body.startswith("Russia has been actively working")
    assert "## Pompeo defends handling of Russia bounty intelligence" in seed.body
    assert "## Report says Taliban violence has increased" in seed.body
    for cruft in ("Most Popular", "Latest News", "More News", "This is an archived article"):
        assert cruft not in seed.body


def test_the_seed_keeps_every_sentence_of_the_scraped_text():
    seed_text = (REPO / "seeds/000_ac22febed8974b90.txt").read_text()
    [article_file] = (REPO / "content/2020").glob("*.md")
    kept = article_file.read_text()
    cruft = {"Most Popular Stories", "Latest News", "More News",
             "This is an archived article and the information in the article may be outdated. "
             "Please look at the time stamp on the story to see when it was last updated."}
    for paragraph in (p.strip() for p in seed_text.split("\n\n")):
        if not paragraph or paragraph in cruft:
            continue
        paragraph = paragraph.removeprefix("(CNN) — ")
        paragraph = re.sub(r"\s*\(Photo credit should read [^)]*\)$", "", paragraph)
        assert paragraph in kept, paragraph[:60]


def test_the_seed_page_shows_banner_credit_and_source(cli, bundled):
    assert cli("build", "--root", bundled).code == 0
    page = (bundled / "site" / SEED_DIR / "index.html").read_text()
    assert "banner-archived" in page
    assert 'Published <time datetime="2020">2020</time>' in page
    assert "Credit: THOMAS WATKINS/AFP/Getty Images" in page
    assert '<a href="../../sources/cnn/index.html">CNN</a>' in page
    assert '<p><span class="dateline">(CNN)</span> — Russia has been' in page
    assert '<h2 id="report-says-taliban-violence-has-increased">' in page
    assert "Trademark and Copyright 2021 Cable News Network" in page
    # The bundled archive's own template override extends the built-in footer.
    assert "This demonstration archive holds one article" in page
    assert "Article ages are reckoned as of" in page
