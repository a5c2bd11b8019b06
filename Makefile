# Realise: every target says what it does; `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# PostgreSQL for the second run of the database suite (CI sets REALISE_REQUIRE_POSTGRES=1).
PG_URL ?= postgres://postgres@127.0.0.1:5432/realise
# The suite runs on one worker per core (pytest-xdist), a test module to a worker so that a
# module's shared data is made once (ADR 0037). PYTEST_WORKERS= runs it in one process. The
# browser tests run on their own: Playwright leaves an event loop in its worker, and Django then
# refuses database calls from that worker's later tests.
PYTEST_WORKERS ?= -n auto --dist loadfile

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets with what they do
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | sort | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Realise needs Python 3.11 ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

.PHONY: install
install: $(STAMP) ## Create the virtualenv in .venv and install Realise with its development tools

NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "Realise needs Node 20 and npm to build its front end"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

.PHONY: assets
assets: $(NODE_STAMP) ## Build the front end (GOV.UK Frontend, unbranded, Arial) into static/realise
	npm run --silent build

.PHONY: demo
demo: $(STAMP) assets ## Run the demo: the Dorset business case, then the web app on http://127.0.0.1:8000
	$(BIN)/realise model run examples/dorset-our-future-council.yaml
	$(BIN)/realise model check examples/dorset-our-future-council.yaml || true
	$(BIN)/realise demo

.PHONY: test
test: $(STAMP) assets ## Run the whole test suite (SQLite, then PostgreSQL when reachable; browser tests need chromium)
	$(BIN)/python -m pytest $(PYTEST_WORKERS) --ignore=tests/browser
	$(BIN)/python -m pytest $(PYTEST_WORKERS) tests/browser
	@$(MAKE) --no-print-directory test-postgres

.PHONY: test-unit
test-unit: $(STAMP) ## Run the unit tests only: no database, no browser, under a minute
	$(BIN)/python -m pytest tests/unit

.PHONY: test-postgres
test-postgres: $(STAMP) ## Run the database tests again on PostgreSQL ($$PG_URL)
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)'.rsplit('/',1)[0]+'/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  if [ -d tests/integration ] && grep -rqs "pytest.mark.db\|pytestmark = pytest.mark.db" tests; then \
	    DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest $(PYTEST_WORKERS) -m "db or postgres" ; \
	  else echo "No database tests yet: nothing to run on PostgreSQL."; fi; \
	elif [ -n "$$REALISE_REQUIRE_POSTGRES" ]; then \
	  echo "PostgreSQL is not reachable at $(PG_URL) and REALISE_REQUIRE_POSTGRES is set."; exit 1; \
	else echo "SKIPPED: PostgreSQL not reachable at $(PG_URL); install and start postgresql to run the database suite on it."; fi

.PHONY: lint
lint: $(STAMP) ## Lint with ruff, type-check the finance engine with mypy --strict, check the import contracts
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy src/realise/finance
	PYTHONPATH=src $(BIN)/lint-imports --no-cache

.PHONY: audit
audit: $(STAMP) ## Audit the installed (pinned) dependencies with pip-audit, strictly: fails on a known vulnerability or when it cannot audit
	$(BIN)/python tools/audit.py

.PHONY: format
format: $(STAMP) ## Format the code with ruff
	$(BIN)/ruff format src tests bench tools
	$(BIN)/ruff check --fix src tests bench tools

.PHONY: bench
bench: $(STAMP) ## Run the benchmarks in bench/ (results go in bench/RESULTS.md by hand)
	$(BIN)/python bench/model.py
	$(BIN)/python bench/case_file.py
	$(BIN)/python bench/web.py
	$(BIN)/python bench/reports.py
	$(BIN)/python bench/import.py
	$(BIN)/python bench/import_phases.py

.PHONY: clean
clean: ## Remove the virtualenv, caches and build output
	rm -rf $(VENV) node_modules src/realise/web/static/realise .pytest_cache .mypy_cache .ruff_cache build dist src/*.egg-info
