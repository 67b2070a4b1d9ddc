# The two commands a newcomer needs: `make site` and `make test`.
# Each installs what it needs into .venv first (and, for tests, Debian's Chromium).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN_STAMP  := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
CHROMIUM   := /usr/bin/chromium
NODE_ORACLES := node_modules/lunr/package.json node_modules/vnu-jar/package.json
# The Nu HTML checker (vnu.jar, from npm) runs on Debian's Java.
JAVA       := /usr/bin/java
# The ZIM export's checkers (tests/test_export_zim.py): zimcheck, and Kiwix's server.
ZIMCHECK    := /usr/bin/zimcheck
KIWIX_SERVE := /usr/bin/kiwix-serve
# Debian's word lists: words in six languages whose look-up the search tests check.
WORD_LISTS := $(addprefix /usr/share/dict/,ngerman french spanish italian portuguese american-english)
# The build benchmark's peers: Debian's Hugo, and Pelican in a venv of its own.
HUGO          := /usr/bin/hugo
PELICAN_VENV  := .venv-pelican
PELICAN_STAMP := $(PELICAN_VENV)/.installed
# Root in CI and on the dev machines; elsewhere apt needs sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test fuzz golden bench bench-build bench-search bench-big bench-build-big bench-search-big bench-hostile eval-import eval-real train-headline cv-headline clean

site: $(RUN_STAMP)
	$(BIN)/archive build

test: $(TEST_STAMP) $(CHROMIUM) $(JAVA) $(ZIMCHECK) $(KIWIX_SERVE) $(NODE_ORACLES) $(WORD_LISTS)
	$(BIN)/python -m pytest -n auto

# The fuzz tests at length: `make test` runs each with a small fixed set of cases (seconds);
# this runs FUZZ_EXAMPLES of them (docs/reliability.md records what such runs found).
FUZZ_EXAMPLES ?= 5000
fuzz: $(TEST_STAMP)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -n auto -m fuzz

# Benchmarks: measured, never asserted. Synthetic archives are cached in .cache/bench/.
# `bench` = the build benchmark against Hugo and Pelican, then the search benchmark, then hostile pages
# (one after the other: the machine has 2 cores, parallel runs would skew both).
bench: bench-build
	$(MAKE) bench-search
	$(MAKE) bench-hostile

bench-build: $(RUN_STAMP) $(HUGO) $(PELICAN_STAMP)
	$(BIN)/python -m benchmarks.build_bench --sizes 1000 10000 --report .cache/bench/build-report.md

bench-search: $(TEST_STAMP) $(CHROMIUM)
	$(BIN)/python -m benchmarks.search_bench --sizes 1000 10000

# One hostile page of each shape (100,000 spans in one box, a flood of <br>s...), imported alone.
bench-hostile: $(RUN_STAMP)
	$(BIN)/python -m benchmarks.hostile_bench

# `bench-big` adds 100k articles, for us alone (time, peak memory, the curve 1k/10k/100k).
bench-big: bench-build-big
	$(MAKE) bench-search-big

bench-build-big: $(RUN_STAMP) $(HUGO) $(PELICAN_STAMP)
	$(BIN)/python -m benchmarks.build_bench --sizes 1000 10000 100000 --peers-up-to 10000 \
		--report .cache/bench/build-report-big.md

bench-search-big: $(TEST_STAMP) $(CHROMIUM)
	$(BIN)/python -m benchmarks.search_bench --sizes 1000 10000 100000

# Rewrite the golden copy of the bundled site after an intended change of output.
golden: $(TEST_STAMP)
	$(BIN)/python -m tests.golden

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(RUN_STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# Score the importer on eval/ (body word precision/recall/F1, title exact, dates); see eval/RESULTS.md.
eval-import: $(RUN_STAMP)
	$(BIN)/python -m eval.score

# The importer on real pages (../shared/corpus, or ARTICLE_CORPUS / REAL_ARTICLES): dev and test
# parts, per form, source and language; renders the whole-page copies (text_full/) once, with
# Chromium. The report goes to .cache/eval-real/report.md; see eval/RESULTS.md.
eval-real: $(TEST_STAMP) $(CHROMIUM)
	$(BIN)/python -m eval.real

# The headline line scorer's trees (generator/ingest/headline_weights.py), from the unpacked corpus's dev part
# (Readability and trafilatura pages only; the same pages give the same trees). --cv: compared with the rules.
train-headline: $(TEST_STAMP)
	$(BIN)/python -m eval.train_headline --data $${REAL_ARTICLES:-.cache/real-articles}

# How well the headline line scorer does on pages it was not fitted on: 5-fold by site, the mean of 3 fold splits
# (the measure to tune it by; the in-sample figure of eval-real flatters it). Writes nothing.
cv-headline: $(TEST_STAMP)
	$(BIN)/python -m eval.train_headline --data $${REAL_ARTICLES:-.cache/real-articles} --cv --splits 3

# Playwright drives Debian's Chromium: its own browser download cannot work offline.
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

$(JAVA):
	$(SUDO) apt-get update -qq
	$(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless

$(ZIMCHECK):
	$(SUDO) apt-get update -qq
	$(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zim-tools

$(KIWIX_SERVE):
	$(SUDO) apt-get update -qq
	$(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kiwix-tools

$(WORD_LISTS) &:
	$(SUDO) apt-get update -qq
	$(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wngerman wfrench wspanish witalian wportuguese wamerican

$(HUGO):
	$(SUDO) apt-get update -qq
	$(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo

$(PELICAN_STAMP): benchmarks/pelican-requirements.txt
	$(PYTHON) -m venv $(PELICAN_VENV)
	$(PELICAN_VENV)/bin/pip install --quiet --disable-pip-version-check -r benchmarks/pelican-requirements.txt
	touch $@

# lunr.js and vnu.jar, test oracles only: no site needs Node or Java to build or to be browsed.
# No install scripts: vnu-jar's would fetch a Java of its own; Debian's is used.
$(NODE_ORACLES) &: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $(NODE_ORACLES)

clean:
	rm -rf $(VENV) $(PELICAN_VENV) site .pytest_cache node_modules
