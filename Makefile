# Reisgids zorg en welzijn. Two commands for a fresh machine (Python 3.11, make, node, npm):
#   make run    the demo at http://127.0.0.1:8000 with Celery worker and beat
#   make test   lint, migrations check, layer contract and the whole test suite
# Without DATABASE_URL an embedded PostgreSQL starts in .data/; without REDIS_URL the
# Celery broker is the same PostgreSQL.

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
DEVRUN := $(PY) -m reisgids.devrun
ADDRESS ?= 127.0.0.1:8000

.PHONY: run test check lint openapi openapi-check install browser messages bench backup restore e2e screenshots clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(STAMP) $(NPM_STAMP)

# Chromium for the browser tests: REISGIDS_CHROMIUM, else /usr/bin/chromium; when missing,
# Debian's package is installed (as root with apt-get), or the command to run is printed.
browser: $(STAMP)
	$(PY) -m reisgids.devrun browser

run: install
	$(DEVRUN) serve --address $(ADDRESS)

test: install browser
	$(DEVRUN) exec -- $(MAKE) --no-print-directory check

# The checks themselves; `make test` runs them with a database available.
# Tests run in TEST_WORKERS processes (pytest-xdist); tests with a real Celery worker share one.
TEST_WORKERS ?= 2

check: lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup --cov --cov-report=term
	@echo "Once more in reverse order (no test may depend on another's leftovers):"
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup --reverse -m "not browser and not worker" -q --no-cov

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(VENV)/bin/djlint templates --lint
	$(MAKE) --no-print-directory openapi-check

# The committed OpenAPI schema (docs/openapi.yaml) is the API's contract: `make openapi` writes
# it after an API change; `make lint` fails while it differs from the code.
openapi: $(STAMP)
	$(PY) manage.py spectacular --validate --file docs/openapi.yaml

openapi-check: $(STAMP)
	@$(PY) manage.py spectacular --validate --file .openapi-check.yaml
	@diff -u docs/openapi.yaml .openapi-check.yaml > .openapi-check.diff; status=$$?; \
	  if [ $$status -ne 0 ]; then cat .openapi-check.diff; \
	  echo "docs/openapi.yaml is out of date: run 'make openapi' / docs/openapi.yaml loopt achter: voer 'make openapi' uit"; fi; \
	  rm -f .openapi-check.yaml .openapi-check.diff; exit $$status

messages: install
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=.data
	$(PY) manage.py compilemessages -l en --ignore=.venv --ignore=node_modules

# Database copies (pg_dump custom format) of the embedded or the server PostgreSQL.
#   make backup [FILE=backups/reisgids.dump]     make restore FILE=backups/reisgids.dump [YES=1]
backup: install
	$(DEVRUN) exec -- $(PY) manage.py backup_database $(if $(FILE),--output $(FILE))

restore: install
	$(DEVRUN) exec -- $(PY) manage.py restore_database $(FILE) $(if $(YES),--yes)

# Benchmarks at factor 1 and 20 against a floor view; writes docs/benchmarks.md.
bench: install
	$(DEVRUN) exec -- $(PY) manage.py bench

# Only the browser tests (Debian's Chromium through Playwright); `make test` runs them too.
e2e: install browser
	$(DEVRUN) exec -- $(PY) -m pytest -m browser --no-cov

# PNGs of the main pages in docs/screenshots/.
screenshots: install browser
	$(DEVRUN) exec -- env REISGIDS_SCREENSHOTS=docs/screenshots $(PY) -m pytest tests/e2e/test_screenshots.py --no-cov

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache .coverage
