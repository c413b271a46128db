# Thongthin: two commands. `make run` sets everything up and serves the demo site;
# `make test` installs what the tests need and runs all of them.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.local

.PHONY: run setup install test lint pytest e2e bench messages clean

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(BIN)/.installed node_modules/.installed

setup: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_data
	$(BIN)/python manage.py run_worker --once

# The background worker (datastore loads, platform data) runs beside the web server and stops
# with it.
run: setup
	@echo "Thongthin: http://127.0.0.1:$(PORT)  (sign-in codes are printed here, in this console)"
	$(BIN)/python manage.py run_worker & trap 'kill $$!' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy thongthin config
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py check

pytest: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -q

test: lint pytest

# Only the browser tests (they also run in `make pytest`); needs Debian's chromium.
e2e: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -q e2e

bench: install
	$(BIN)/python bench/directory_bench.py
	$(BIN)/python bench/assessment_bench.py
	$(BIN)/python bench/opendata_search_bench.py
	$(BIN)/python bench/datastore_bench.py

# Re-extract translatable strings into locale/en (needs GNU gettext) and compile. Translate every
# new entry in locale/en/LC_MESSAGES/django.po and commit it with django.mo:
# thongthin/core/tests/test_translations.py fails while the catalog is behind the code.
MESSAGE_IGNORE := --ignore=node_modules --ignore=.venv --ignore=var --ignore=e2e --ignore=bench
messages: install
	$(BIN)/python manage.py makemessages -l en --no-obsolete $(MESSAGE_IGNORE)
	$(BIN)/python manage.py compilemessages -l en $(MESSAGE_IGNORE)

clean:
	rm -rf $(VENV) node_modules staticfiles var
