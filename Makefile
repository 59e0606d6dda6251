# Two commands on a fresh clone: `make run` serves the demo shop, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
BENCH_PRODUCTS ?= 10000
BENCH_SECONDS ?= 10

.PHONY: run test contract bench install install-test migrate demo serve lint format check worker beat constraints clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip setuptools wheel

# Installs exactly the versions the suite was run with (constraints.txt).
$(VENV)/.installed: $(BIN)/activate setup.cfg constraints.txt
	$(PY) -m pip install --quiet -c constraints.txt -e ".[prod]"
	touch $@

# One pip run for the test and prod extras: a second run would resolve and look up every package again.
$(VENV)/.installed-test: $(BIN)/activate setup.cfg constraints.txt
	$(PY) -m pip install --quiet -c constraints.txt -e ".[test,prod]"
	touch $(VENV)/.installed $@

# The browser checks' npm packages (axe-core, the Lighthouse CLI), exactly as package-lock.json pins
# them, when node and npm are on the machine; without them the axe tests skip and say why.
NPM_DIR := tests/browser/js
NPM_STAMP := $(NPM_DIR)/node_modules/.installed
$(NPM_STAMP): $(NPM_DIR)/package.json $(NPM_DIR)/package-lock.json
	@if command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then \
		npm ci --prefix $(NPM_DIR) --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "node/npm not found: $(NPM_DIR) not installed (axe tests skip, make lighthouse cannot run)"; \
	fi

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test $(NPM_STAMP)

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

# uvicorn (ASGI) rather than runserver (WSGI only), so the demo serves pages and the live-tracking
# WebSockets (/ws/) from one process; it reloads on code and template changes like runserver.
serve:
	$(BIN)/uvicorn ptashka.asgi:application --host $(HOST) --port $(PORT) --lifespan off --reload \
		--reload-dir src --reload-dir cms --reload-dir forked_apps --reload-dir templates --reload-include '*.html'

## make run: install, migrate, load the demo shop and serve it on http://127.0.0.1:8000
run: demo serve

## make test: install the test extras and run the lint gates and the whole suite
test: install-test check
	$(BIN)/pytest $(PYTEST_ARGS)

## make contract: the API contract run: schemathesis against gunicorn serving the demo shop on a
## fresh database (DATABASE_URL's name + _contract, PostgreSQL); see README "Contract tests"
contract: install-test
	$(PY) tests/contract/run.py

## make bench: Ptashka against stock django-oscar and a minimal Django view on this box (PostgreSQL
## from DATABASE_URL, Redis db BENCH_REDIS_URL); writes bench/RESULTS.md; see README "Benchmark"
bench: install
	BENCH_PRODUCTS=$(BENCH_PRODUCTS) BENCH_SECONDS=$(BENCH_SECONDS) $(PY) bench/run.py

check:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=ptashka.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=ptashka.settings.test $(MANAGE) makemigrations --check --dry-run --noinput

lint: install-test
	$(BIN)/ruff check .

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## A Celery worker and beat next to `make run` (needs REDIS_URL)
worker:
	$(BIN)/celery -A ptashka worker --loglevel=INFO --queues=celery,emails,exports,payments

beat:
	$(BIN)/celery -A ptashka beat --loglevel=INFO

## make lighthouse: the demo shop under gunicorn (prod settings, own SQLite DB under var/lighthouse/)
## through Lighthouse (mobile): scores vs targets into docs/lighthouse.md; LIGHTHOUSE_ARGS=--report-only
.PHONY: lighthouse screenshots
lighthouse: install-test
	$(PY) bench/lighthouse.py $(LIGHTHOUSE_ARGS)

## make screenshots: desktop and mobile PNGs of the key storefront pages into docs/screenshots/
screenshots: install-test
	$(PY) bench/screenshots.py $(SCREENSHOTS_ARGS)

## Rewrite constraints.txt from the current environment (after a deliberate upgrade)
constraints:
	$(PY) -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean:
	rm -rf $(VENV) var staticfiles
