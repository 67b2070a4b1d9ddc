"""Search in the archive's languages: each article's language picks its analyzer (Snowball
stemmers beside lunr's English), and the browser looks typed words up in the archive's words
instead of stemming them, so that a query is analysed exactly as the index was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.ingest import language
from generator.search import languages
from generator.search.tokens import terms
from tests.helpers import MIXED, article, make_tree


@pytest.fixture
def mixed(tmp_path) -> Path:
    return make_tree(tmp_path / "mixed", MIXED)


def script_data(path: Path):
    text = path.read_text(encoding="utf-8")
    body = text[text.index(",") + 1 : -len(");\n")]
    return json.loads(json.loads(body[len("JSON.parse("):-1])) if body.startswith("JSON.parse(") else json.loads(body)


def test_each_language_stems_with_its_own_stemmer_and_english_keeps_lunrs():
    assert terms("Häuser", "de") == ["haus"] and terms("Haus", "de-AT") == ["haus"]
    assert terms("chevaux", "fr") == ["cheval"] and terms("cheval", "fr") == ["cheval"]
    assert terms("casas", "es") == ["cas"] and terms("книги", "ru") == terms("книга", "ru")
    assert terms("hurricanes") == ["hurrican"] == terms("hurricanes", "en-GB")  # lunr's Porter, as before
    # Stop words per language; CJK runs are characters and pairs whatever the language.
    assert terms("die Häuser", "de") == ["haus"] and terms("die", "en") == ["die"]
    assert terms("les chevaux", "fr") == ["cheval"]
    assert terms("北京", "zh") == terms("北京", "en") == ["北", "京", "北京"]
    # A language Snowball lacks keeps its words as they are.
    assert terms("বাংলাদেশের", "bn") == ["বাংলাদেশের"]


def test_a_mixed_archive_publishes_each_words_reading_per_language(cli, mixed):
    assert cli("build", "--root", mixed).code == 0
    search = mixed / "site" / "search"
    stats = script_data(search / "stats.js")
    assert stats["language"] == "en"
    assert sorted(stats["languages"]) == ["ar", "de", "en", "es", "fr", "ja", "ru", "zh"]
    assert stats["languages"]["de"]["stemmer"] == "german" and "die" in stats["languages"]["de"]["stopWords"]
    assert stats["languages"]["en"]["stemmer"] == "porter" and stats["words"]["format"] == 2
    words = {}
    for shard in (search / "w").iterdir():
        words.update(script_data(shard))
    assert words["häuser"] == [1, "haus", "de"]
    assert words["chevaux"] == [1, "cheval", "fr"]
    assert words["houses"] == [1, "hous"]  # the archive's language: as in an English archive
    # The language is a filter: one file of documents per language.
    facets = script_data(search / "facets.js")
    assert [(value, label) for value, label, _, _ in facets["lang"]][:3] == [
        ("ar", "Arabic"), ("zh", "Chinese"), ("en", "English")]  # (each in one article: by name)
    assert script_data(search / "f" / "lang-es.js") == [3]
    # lunr-index.json names the archive language's stemmer (English: lunr's own).
    assert json.loads((search / "lunr-index.json").read_text())["pipeline"] == ["stemmer"]


def test_an_english_archive_keeps_its_stats_and_words_as_they_were(cli, tmp_path):
    root = make_tree(tmp_path / "en", {k: v for k, v in MIXED.items() if k in ("archive.yaml", "content/2021/en.md")})
    assert cli("build", "--root", root).code == 0
    stats = script_data(root / "site" / "search" / "stats.js")
    assert "languages" not in stats and stats["words"]["format"] == 1
    assert "lang" not in script_data(root / "site" / "search" / "facets.js")


def test_lunr_index_json_of_a_german_archive_names_lunr_languages_stemmer(cli, tmp_path):
    root = make_tree(tmp_path / "de", {"archive.yaml": "title: Archiv\nlanguage: de\n",
                                        "content/2021/de.md": MIXED["content/2021/de.md"]})
    assert cli("build", "--root", root).code == 0
    index = json.loads((root / "site" / "search" / "lunr-index.json").read_text())
    assert index["pipeline"] == ["stemmer-de"]
    assert "haus" in dict(index["invertedIndex"])


def test_pages_carry_their_language_and_direction(cli, mixed, tmp_path):
    assert cli("build", "--root", mixed).code == 0
    site = mixed / "site"
    home = (site / "index.html").read_text()
    assert '<html lang="en">' in home
    german = (site / "2021/de/index.html").read_text()
    assert '<article class="article" lang="de">' in german
    arabic = (site / "2021/ar/index.html").read_text()
    assert '<article class="article" lang="ar" dir="rtl">' in arabic
    english = (site / "2021/en/index.html").read_text()
    assert '<article class="article">' in english  # the site's language: said once, on <html>
    # An archive in Hebrew is right to left as a whole; an English article in it left to right.
    root = make_tree(tmp_path / "he", {"archive.yaml": "title: ארכיון\nlanguage: he\n",
                                        "content/2021/en.md": article("title: A\npublished: 2021-01-01\nlang: en")})
    assert cli("build", "--root", root).code == 0
    assert '<html lang="he" dir="rtl">' in (root / "site/index.html").read_text()
    assert '<article class="article" lang="en" dir="ltr">' in (root / "site/2021/en/index.html").read_text()


def test_direction_of_language_tags():
    from generator.archive.languages import direction

    assert [direction(t) for t in ("ar", "he", "fa-IR", "ur", "en", "de-AT", "az-Arab", "ku-Latn", None)] == [
        "rtl", "rtl", "rtl", "rtl", "ltr", "ltr", "rtl", "ltr", "ltr"]


def test_analyzers_cover_snowballs_languages():
    import snowballstemmer

    covered = {languages.SNOWBALL[code] for code in languages.SNOWBALL}
    assert covered | {"english", "porter", "dutch_porter"} == set(snowballstemmer.algorithms())


GERMAN_TEXT = """Neue Häuser für den Hafen

Die Stadt will bis zum Jahr 2030 mehr als tausend neue Wohnungen am alten Hafen bauen. Der Bürgermeister
sagte am Montag, die Familien der Hafenarbeiter sollten zuerst einziehen dürfen. Die Opposition kritisierte
die hohen Kosten und verlangte eine Abstimmung im Stadtrat, bevor die ersten Bagger anrollen.

Die Bauarbeiten sollen im Frühjahr beginnen und mehrere Jahre dauern.
"""


def _imported_lang(cli, root: Path, name: str, data: str) -> str | None:
    source = make_tree(root / "in", {name: data}) / name
    assert cli("import", source, "--root", root / "archive").code == 0
    [written] = (root / "archive" / "content").rglob("*.md")
    front = written.read_text(encoding="utf-8").split("---")[1]
    found = [line.split(":", 1)[1].strip() for line in front.splitlines() if line.startswith("lang:")]
    return found[0] if found else None


def test_the_importer_takes_the_pages_language_or_detects_the_texts(cli, tmp_path):
    # Scraped text names no language: py3langid's guess, when sure.
    assert _imported_lang(cli, tmp_path / "a", "hafen.txt", GERMAN_TEXT) == "de"
    # Too short, or too mixed, to be sure: no `lang` (the archive's language then).
    assert language.detected("Neue Häuser", "Die Stadt baut.") is None
    assert language.detected("Hafen harbour port", "Le port, der Hafen, the harbour, el puerto. " * 6) is None
    # A page that names its language keeps it, even where the text would say otherwise.
    html = ('<html lang="fr-CA"><head><title>Neue Häuser</title></head><body><article><h1>Neue Häuser</h1>'
            + "".join(f"<p>{p}</p>" for p in GERMAN_TEXT.split("\n\n")[1:]) + "</article></body></html>")
    assert _imported_lang(cli, tmp_path / "c", "page.html", html) == "fr-CA"
    # Else its og:locale.
    localised = html.replace('<html lang="fr-CA"><head>', '<html><head><meta property="og:locale" content="it_IT">')
    assert _imported_lang(cli, tmp_path / "d", "page.html", localised) == "it-IT"
    # A page that names none: detected in its text, as a scrape's.
    assert _imported_lang(cli, tmp_path / "e", "page.html", html.replace(' lang="fr-CA"', "")) == "de"


def test_edits_keep_the_search_files_those_of_a_cold_build(tmp_path):
    from tests.helpers import cold, run, site_files

    root = make_tree(tmp_path / "mixed", MIXED)
    run(root)
    german = root / "content/2021/de.md"
    # A body edited: the search side updates its few files, as a cold build would make them.
    german.write_text(german.read_text(encoding="utf-8").replace("Familien", "Kinder und Gärten"), encoding="utf-8")
    assert run(root).searched == 1
    assert site_files(root / "site") == cold(root, tmp_path)
    words = {}
    for shard in (root / "site/search/w").iterdir():
        words.update(script_data(shard))
    assert words["gärten"] == [1, "gart", "de"]
    # An article's language changed: its words are read in the other language.
    german.write_text(german.read_text(encoding="utf-8").replace("lang: de", "lang: fr"), encoding="utf-8")
    run(root)
    assert site_files(root / "site") == cold(root, tmp_path)
    # The archive's language changed: every article without `lang` is read in it.
    (root / "archive.yaml").write_text("title: Mixed\nlanguage: de\n", encoding="utf-8")
    run(root)
    files = site_files(root / "site")
    assert files == cold(root, tmp_path)
    stats = files["search/stats.js"].decode()
    assert '"language":"de"' in stats.replace(" ", "")


LUNR_LOAD = """
const lunr = require("lunr");
const [path, register, queries] = process.argv.slice(1);
if (register) lunr.Pipeline.registerFunction(t => t, register);  // a stand-in for lunr-languages'
let index;
try { index = lunr.Index.load(JSON.parse(require("fs").readFileSync(path, "utf8"))); }
catch (e) { process.stdout.write(JSON.stringify({error: e.message})); process.exit(0); }
const out = {};
for (const q of JSON.parse(queries)) out[q] = index.search(q).map(r => r.ref.split("/")[1]);
process.stdout.write(JSON.stringify(out));
"""


def lunr_js(index: Path, queries: list[str], register: str = "") -> dict:
    import subprocess

    from tests.search_helpers import NODE, REPO

    ran = subprocess.run([NODE, "-e", LUNR_LOAD, str(index), register, json.dumps(queries)], capture_output=True,
                         text=True, cwd=REPO, check=True)
    return json.loads(ran.stdout)


def test_lunr_js_loads_the_index_of_a_mixed_archive_and_of_a_german_one_with_its_stemmer(cli, mixed, tmp_path):
    assert cli("build", "--root", mixed).code == 0
    found = lunr_js(mixed / "site/search/lunr-index.json", ["houses", "haus*", "cheval", "北京"])
    assert found == {"houses": ["en"], "haus*": ["de"], "cheval": ["fr"], "北京": ["zh"]}
    root = make_tree(tmp_path / "de", {"archive.yaml": "title: Archiv\nlanguage: de\n",
                                        "content/2021/de.md": MIXED["content/2021/de.md"]})
    assert cli("build", "--root", root).code == 0
    index = root / "site/search/lunr-index.json"
    assert lunr_js(index, ["haus"]) == {"error": "Cannot load unregistered function: stemmer-de"}
    assert lunr_js(index, ["haus"], register="stemmer-de") == {"haus": ["de"]}


def test_an_edit_that_leaves_one_language_gives_the_files_of_an_archive_in_one(tmp_path):
    from tests.helpers import cold, run, site_files

    # (no stop word in either language: the lengths stay, and the search side updates its files)
    german = article("title: Neue Häuser\npublished: 2021-01-02\nlang: de", "Kinder spielen gerne draußen.\n")
    root = make_tree(tmp_path / "two", {**{k: MIXED[k] for k in ("archive.yaml", "content/2021/en.md")},
                                        "content/2021/de.md": german})
    run(root)
    assert '"format":2' in (root / "site/search/stats.js").read_text()
    (root / "content/2021/de.md").write_text(german.replace("lang: de", "lang: en"), encoding="utf-8")
    assert run(root).searched == 1
    files = site_files(root / "site")
    assert files == cold(root, tmp_path)
    assert b'"languages"' not in files["search/stats.js"] and "search/f/lang-de.js" not in files
