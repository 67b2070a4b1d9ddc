# The two commands a newcomer needs: `make site` and `make test`.
# Each installs what it needs into .venv first (and, for tests, Debian's Chromium).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN_STAMP  := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
CHROMIUM   := /usr/bin/chromium
# Root in CI and on the dev machines; elsewhere apt needs sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test golden clean eval-import

site: $(RUN_STAMP)
	$(BIN)/archive build

test: $(TEST_STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest -n auto

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

clean:
	rm -rf $(VENV) site .pytest_cache
