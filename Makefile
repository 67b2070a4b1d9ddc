# The two commands a newcomer needs: `make site` and `make test`.
# Each installs what it needs into .venv first (and, for tests, Debian's Chromium).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN_STAMP  := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
CHROMIUM   := /usr/bin/chromium
NODE_ORACLES := node_modules/lunr/package.json
# Root in CI and on the dev machines; elsewhere apt needs sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test golden bench bench-big eval-import clean

site: $(RUN_STAMP)
	$(BIN)/archive build

test: $(TEST_STAMP) $(CHROMIUM) $(NODE_ORACLES)
	$(BIN)/python -m pytest -n auto

# Benchmarks: measured, never asserted. Synthetic archives are cached in .cache/bench/.
bench: $(TEST_STAMP) $(CHROMIUM)
	$(BIN)/python -m benchmarks.search_bench --sizes 1000 10000

bench-big: $(TEST_STAMP) $(CHROMIUM)
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

# Playwright drives Debian's Chromium: its own browser download cannot work offline.
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# lunr.js, a test oracle only: no site needs Node to build or to be browsed.
$(NODE_ORACLES): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

clean:
	rm -rf $(VENV) site .pytest_cache node_modules
