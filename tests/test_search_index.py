"""The search index: our pipeline, lunr compatibility, and the sharded format's contents."""

import json
import re

import numpy as np
from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.stop_word_filter import stop_word_filter

from benchmarks.corpus import Corpus, write_archive
from generator.archive.layout import BUILTIN_STATIC
from generator.search import lunr_index, metadata, shards, stemmer, tokens
from generator.search.documents import BOOSTS, FIELDS, SearchDoc
from generator.search.lunr_index import serialised
from generator.search.statistics import count
from tests.helpers import REPO, article, make_tree, sample_docs
from tests.search_helpers import document_counts, gather, lunr_js_search, node


def vocabulary() -> list[str]:
    corpus = Corpus(seed=3, tail=3000)
    seed = (REPO / "seeds/000_ac22febed8974b90.txt").read_text()
    words = set(corpus.vocabulary) | set(tokens.tokens(seed))
    words |= {"key", "keys", "happily", "generalization", "yelling", "agreed", "cries", "ponies", "ties",
              "caress", "sky", "skies", "dying", "lying", "hopping", "hoping", "falling", "conditional",
              "rational", "valency", "hesitancy", "digitizer", "conformabli", "radically", "differently",
              "vileli", "analogousli", "vietnamization", "predication", "operator", "feudalism",
              "decisiveness", "hopefulness", "callousness", "formaliti", "sensitiviti", "sensibiliti",
              "triplicate", "formative", "formalize", "electriciti", "electrical", "hopeful", "goodness",
              "revival", "allowance", "inference", "airliner", "gyroscopic", "adjustable", "defensible",
              "irritant", "replacement", "adjustment", "dependent", "adoption", "homologou", "communism",
              "activate", "angulariti", "homologous", "effective", "bowdlerize", "probate", "rate",
              "cease", "controll", "roll", "yes", "youth", "yay", "y", "by", "say", "cry"}
    return sorted(w for w in words if w.isascii())


def test_our_stemmers_in_python_and_javascript_agree_with_lunr_js():
    words = vocabulary()
    stems = node("stems.js", str(BUILTIN_STATIC / "search.js"), stdin=json.dumps(words))
    disagree = [(w, lunr_stem, ours, stemmer.stem(w)) for w, (lunr_stem, ours) in stems.items()
                if not (lunr_stem == ours == stemmer.stem(w))]
    assert len(stems) > 3000
    assert disagree == []


def test_every_script_is_findable():
    assert tokens.terms("Москва приветствует Αθήνα القاهرة नमस्ते") == [
        "москва", "приветствует", "αθήνα", "القاهرة", "नमस्ते"]
    assert tokens.terms("北京新闻 東京") == ["北", "京", "新", "闻", "北京", "京新", "新闻", "東", "京", "東京"]
    assert tokens.terms("한국어") == ["한", "국", "어", "한국", "국어"]
    assert tokens.terms("“Russia’s troops” (CNN) U.S.-Taliban") == ["russia", "troop", "cnn", "u.", "taliban"]


def test_the_term_counter_counts_exactly_what_the_pipeline_yields():
    text = "The troops, the TROOPS; and troops — 北京新闻 Russia's"
    counted = tokens.TermCounter()(text)
    expected = {}
    for term in tokens.terms(text):
        expected[term] = expected.get(term, 0) + 1
    assert list(counted.items()) == list(expected.items())


def test_our_lunr_index_is_what_lunr_py_builds_with_the_same_pipeline():
    docs = sample_docs()
    ours = json.loads(serialised(count(docs), docs))

    def same_stemmer(token, i=None, tokens=None):
        return token.update(lambda s, metadata=None: stemmer.stem(s))

    Pipeline.register_function(same_stemmer, "test-same-stemmer")
    builder = Builder()
    builder.pipeline.add(stop_word_filter, same_stemmer)
    builder.ref("ref")
    for field, boost in zip(FIELDS, BOOSTS):
        builder.field(field, boost=boost)
    for doc in docs:
        # lunr.py takes pre-split token lists as they are: our tokenizer feeds both builders.
        builder.add({"ref": doc.ref, **{f: tokens.tokens(t) for f, t in zip(FIELDS, doc.field_texts())}})
    theirs = builder.build().serialize()
    assert ours["invertedIndex"] == theirs["invertedIndex"]
    assert ours["fieldVectors"] == theirs["fieldVectors"]
    assert ours["fields"] == theirs["fields"] and ours["version"] == "2.3.9"


def test_scores_are_written_as_json_writes_them_rounded_to_three_decimals():
    rng = np.random.default_rng(7)
    values = np.concatenate([
        rng.random(20_000) * 40, rng.random(2_000) / 100,  # scores, and small ones
        np.arange(0, 5, 0.0005),  # every half-thousandth: where rint and round() may part
        [0.0, 0.001, 0.0015, 0.9995, 1.0, 2.675, 1.0005, 99.9995, 12345.6785],
    ])
    written = [f"{n // 1000}.{lunr_index._FRACTIONS[n % 1000]}" for n in lunr_index._thousandths(values).tolist()]
    assert written == [json.dumps(round(v, 3)) for v in values.tolist()]


def test_lunr_js_loads_the_index_and_finds_the_seed(cli, bundled):
    assert cli("build", "--root", bundled).code == 0
    results = lunr_js_search(bundled / "site/search/lunr-index.json", ["taliban", "pompeo bounty", "zzzqqq"])
    [(ref, score)] = results["taliban"]
    assert ref == "2020/pentagon-report-says-russia-working-with-the-taliban-others-to-expedite-us/index.html"
    assert results["pompeo bounty"][0][0] == ref
    assert results["zzzqqq"] == []
    described = json.loads((bundled / "site/search/lunr-docs.json").read_text())
    assert described[ref]["title"].startswith("Pentagon report") and described[ref]["date"] == "2020"


def test_lunr_js_loads_an_index_of_terms_outside_the_basic_plane(tmp_path, cli):
    # lunr.js inserts terms in JavaScript (UTF-16) order; code-point order puts 𠮷 after Ｎ.
    root = make_tree(tmp_path, {"content/a.md": article("title: Ｎews 𠮷野家", "𠮷野家 and ＮＨＫ news. 😀 emoji.")})
    assert cli("build", "--root", root).code == 0
    results = lunr_js_search(root / "site/search/lunr-index.json", ["news"])
    assert [ref for ref, _ in results["news"]] == ["undated/a/index.html"]


def test_the_lunr_index_is_left_out_above_the_limit_unless_asked(tmp_path, cli, monkeypatch):
    from generator.search import lunr_index

    monkeypatch.setattr(lunr_index, "DEFAULT_LIMIT", 2)
    root = make_tree(tmp_path, {f"content/a{i}.md": article(f"title: A{i}\npublished: 2020") for i in range(3)})
    assert cli("build", "--root", root).code == 0
    assert not (root / "site/search/lunr-index.json").exists()
    assert (root / "site/search/stats.js").exists()
    assert cli("build", "--root", root, "--lunr-index").code == 0
    assert (root / "site/search/lunr-index.json").exists()


def _data(path):
    text = path.read_text()
    return json.loads(text[text.index(",") + 1 : text.rindex(")")])


def _files_of(search, words):
    """The dictionary shards and posting pages that hold these terms."""
    from generator.search.shards import key_of

    keys = set(_data(search / "stats.js")["keys"])
    shards = {f"d/{key_of(w, keys)}.js" for w in words}
    pages = set()
    for shard in shards:
        entries = _data(search / shard) if (search / shard).exists() else {}
        for word in words & set(entries):
            pages |= {f"{page[0]}.js" for page in entries[word][3] or ()}
    return shards | pages


def _word_files_of(search, words):
    """The words' shards (words.py) that hold these surface forms."""
    from generator.search.shards import key_of

    keys = set(_data(search / "stats.js")["words"]["keys"])
    return {f"w/{key_of(w, keys)}.js" for w in words}


def _body_length(search, number):
    lengths = _data(search / f"l/{number // metadata.LENGTHS}.js")
    return lengths[(number % metadata.LENGTHS) * len(FIELDS) + FIELDS.index("body")]


def _edit_and_build(cli, root, target, old, new):
    search = root / "site/search"
    before = {p.relative_to(search).as_posix(): p.read_bytes() for p in search.rglob("*.js")}
    target.write_text(target.read_text().replace(old, new, 1))
    assert cli("build", "--root", root).code == 0
    after = {p.relative_to(search).as_posix(): p.read_bytes() for p in search.rglob("*.js")}
    return {path for path in after if before.get(path) != after[path]}, after


def test_an_edit_rewrites_only_the_files_of_the_terms_whose_counts_it_changed(tmp_path, cli):
    from generator.search.ranking import rounded_lengths

    root = write_archive(300, tmp_path / "arch")
    assert cli("build", "--root", root).code == 0
    search = root / "site/search"
    articles = sorted((root / "content").rglob("*.md"))
    refs = [doc[0] for chunk in range(0, len(articles), 8) for doc in _data(search / f"docs/{chunk // 8}.js")]
    # An article whose body length, three words longer, rounds as before (most do).
    for target in articles[100:]:
        [number] = [n for n, ref in enumerate(refs) if f"/{target.stem}/" in ref]
        length = _body_length(search, number)
        if rounded_lengths(np.array([length]))[0] == rounded_lengths(np.array([length + 3]))[0]:
            break
    changed, after = _edit_and_build(cli, root, target, "\n\n", "\n\nA zebra quietly appeared.\n\n")

    # Posting rows hold counts, not lengths: only the new words' files change, with the
    # statistics (the averages), the article's length file and its metadata chunk (its snippet).
    assert _body_length(search, number) == length + 3
    allowed = {"stats.js", f"l/{number // metadata.LENGTHS}.js", f"docs/{number // 8}.js"} | _files_of(search, {
        "zebra", "quietli", "appear"}) | _word_files_of(search, {"zebra", "quietly", "appeared"})
    assert changed <= allowed, sorted(changed - allowed)[:10]
    assert "stats.js" in changed and f"l/{number // metadata.LENGTHS}.js" in changed and any(p.startswith("d/") for p in changed)
    assert len(after) > 300 + len(allowed)

    # A word replaced by another, the length unchanged: its files and the new word's.
    text = target.read_text()
    visible = re.sub(r"\]\([^)]*\)", " ", text.split("\n---\n", 1)[1])  # link targets are not text
    word = next(w for w in re.findall(r"\b[a-z]{6,}\b", visible) if text.count(w) == 1)
    changed, _ = _edit_and_build(cli, root, target, word, "xylophone")
    assert _body_length(search, number) == length + 3
    allowed = {"stats.js", f"docs/{number // 8}.js"} | _files_of(search, {stemmer.stem(word), "xylophon"}) \
        | _word_files_of(search, {word, "xylophone"})
    assert changed <= allowed, sorted(changed - allowed)[:10]
    assert any(p.startswith("d/") for p in changed)


def test_counting_in_parallel_gives_the_same_statistics(monkeypatch):
    from generator.search import postings, statistics

    docs = sample_docs(60)
    serial = statistics.count(docs, workers=1)
    monkeypatch.setattr(statistics, "PARALLEL_FROM", 10)
    monkeypatch.setattr(statistics, "CHUNK", 7)
    monkeypatch.setattr(postings, "SLICE", 5)  # postings grouped a few entries at a time
    parallel = statistics.count(docs, workers=2)
    assert list(parallel.postings) == list(serial.postings)  # lunr's term numbering too
    assert parallel.postings == serial.postings
    assert [list(lengths) for lengths in parallel.lengths] == [list(lengths) for lengths in serial.lengths]


def test_cached_per_document_counts_give_the_same_statistics():
    from generator.search import statistics

    docs = sample_docs(60) + [SearchDoc(60, "x", "北京新闻 the", ("Tag-one",), "", None, None, None, (), (), "")]
    counted = statistics.count(docs, workers=1)
    # What a build cache would store per document: JSON, keyed by the document's hash.
    cached = [json.loads(json.dumps(document_counts(doc.field_texts()))) for doc in docs]
    gathered = gather(cached)
    assert list(gathered.postings) == list(counted.postings)
    assert gathered.postings == counted.postings
    assert [list(lengths) for lengths in gathered.lengths] == [list(lengths) for lengths in counted.lengths]
    assert cached[60]["lengths"] == [sum(cached[60]["counts"][f].values()) for f in range(3)]
    assert cached[60]["lengths"][2] == 0


def test_the_sharded_index_is_the_same_built_in_parallel(monkeypatch):
    from generator.search import statistics

    docs = sample_docs(60)
    stats = statistics.count(docs, workers=1)
    monkeypatch.setattr(shards, "INLINE", 4)
    monkeypatch.setattr(shards, "PAGE", 8)
    serial = shards.files(stats, docs, workers=1)
    monkeypatch.setattr(shards, "PARALLEL_FROM", 10)
    batches = shards._batches(stats.terms, np.diff(stats.offsets).tolist(), 8)
    edges = [(stats.terms[a[-1]][:2], stats.terms[b[0]][:2]) for a, b in zip(batches, batches[1:])]
    assert any(last == first for last, first in edges)  # a prefix cut between two workers' batches
    parallel = shards.files(stats, docs, workers=2)
    assert sorted(serial, key=lambda f: f.path) == sorted(parallel, key=lambda f: f.path)
    assert len(serial) > 100
