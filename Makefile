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

.PHONY: run test check lint install messages bench clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(STAMP) $(NPM_STAMP)

run: install
	$(DEVRUN) serve --address $(ADDRESS)

test: install
	$(DEVRUN) exec -- $(MAKE) --no-print-directory check

# The checks themselves; `make test` runs them with a database available.
check: lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest --cov --cov-report=term

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

messages: install
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=.data
	$(PY) manage.py compilemessages -l en --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache .coverage
