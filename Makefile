# The standardization portal. `make run` to try it, `make test` to test it (see README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal

.PHONY: help install run test test-unit test-browser lint format messages serve-prod bench clean

help:
	@echo "make run          start the portal with demo data on http://127.0.0.1:8000 (SQLite)"
	@echo "make test         the whole test suite on PostgreSQL, browser tests included"
	@echo "make lint         ruff, makemigrations --check, the import layers (lint-imports)"
	@echo "make format       ruff format and ruff check --fix"
	@echo "make messages     update both translation catalogues and compile them"
	@echo "make serve-prod   gunicorn with production settings (needs SECRET_KEY, ALLOWED_HOSTS, ...)"
	@echo "make bench        measure every page on a province-scale database (bench/README.md)"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	@echo "Serving on http://127.0.0.1:8000 (Ctrl-C to stop)"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} .ci/with-postgres $(MAKE) --no-print-directory test-unit test-browser

test-unit:
	$(BIN)/pytest -q -m "not browser"

test-browser:
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -q -m browser

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	$(BIN)/python manage.py makemessages -l zh_Hans -l en --no-obsolete --no-location -i ".venv/*" -i "var/*" -i "tests/*"
	msgen --no-wrap locale/en/LC_MESSAGES/django.po -o locale/en/LC_MESSAGES/django.po
	$(BIN)/python manage.py compilemessages --ignore ".venv/*"

# Production on one machine: gunicorn, and beside it the task worker (e-mail), which stops with it.
serve-prod: install
	DJANGO_ENV=production $(BIN)/python manage.py collectstatic --no-input
	DJANGO_ENV=production $(BIN)/python manage.py migrate --no-input
	DJANGO_ENV=production bash -c 'trap "kill 0" EXIT; $(BIN)/python manage.py db_worker & $(BIN)/gunicorn portal.wsgi --bind $${BIND:-127.0.0.1:8000} --workers $${WORKERS:-3}'

# The benchmark (bench/README.md): a province-scale database, gunicorn under production settings
# and wrk on every page. A measurement, not a test: it takes half an hour and fails nothing.
bench: install
	command -v wrk >/dev/null || apt-get install -y wrk || (apt-get update && apt-get install -y wrk)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var
