# Every target installs what it needs first, so each works on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Material prints a notice about MkDocs 2.0 on every run; it is noise in our logs.
export NO_MKDOCS_2_WARNING := 1
# Tests run in parallel (pytest-xdist); most of a browser test's time is waiting, so more workers than cores.
PYTEST_PARALLEL ?= -n 4 --dist worksteal

.PHONY: site serve serve-zh-hant test check lint js-check validate chromium clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Mermaid comes pinned from the npm registry (package-lock.json) and is served by the site itself.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Browser tests and `process-manual pdf` drive Debian's Chromium; install it when missing, with a
# CJK font (fonts-noto-cjk): without one, Chinese pages print as empty boxes.
chromium:
	@{ test -x /usr/bin/chromium && test -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc; } || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update && $$SUDO apt-get install -y chromium fonts-noto-cjk; }

# The example handbook (Chinese source, English translated, traditional Chinese derived): one build writes
# every language (site/, site/en/, site/zh-Hant/); examples/zh-hant is a handbook of one language.
site: $(BIN)/.installed node_modules/.installed
	$(BIN)/process-manual validate processes
	$(BIN)/process-manual validate examples/zh-hant/processes
	$(BIN)/mkdocs build --strict
	cd examples/zh-hant && ../../$(BIN)/mkdocs build --strict
	@echo "Built: site/index.html (site/en/, site/zh-Hant/) and examples/zh-hant/site/index.html"

serve: $(BIN)/.installed node_modules/.installed
	$(BIN)/mkdocs serve --dirty

serve-zh-hant: $(BIN)/.installed node_modules/.installed
	cd examples/zh-hant && ../../$(BIN)/mkdocs serve --dirty -a 127.0.0.1:8002

validate: $(BIN)/.installed
	$(BIN)/process-manual validate processes
	$(BIN)/process-manual validate tests/fixtures/english/processes
	$(BIN)/process-manual validate examples/zh-hant/processes

# The inner loop: linters, type checker and every test that needs no browser.
check: lint js-check
	$(BIN)/python -m pytest -q -m "not browser" $(PYTEST_PARALLEL)

lint: $(BIN)/.installed
	$(BIN)/ruff check plugins
	$(BIN)/ruff format --check plugins
	$(BIN)/mypy

# ESLint on the front-end code, and the swimlane engine's pure parts unit-tested in Node (no browser).
js-check: node_modules/.installed
	npx --no-install eslint plugins/process_manual/build/assets tests/js
	node --test tests/js/

# Everything: the linters and every test, browser tests included.
test: $(BIN)/.installed node_modules/.installed chromium lint js-check
	$(BIN)/python -m pytest -q $(PYTEST_PARALLEL)

clean:
	rm -rf site tests/fixtures/english/site examples/zh-hant/site .pytest_cache
