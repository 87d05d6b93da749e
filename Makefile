# Sơn La open-data platform — the two commands: `make run` and `make test`.
# Everything is installed into .venv by uv; services and data live in .run/ (git-ignored).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
STACK := $(VENV)/bin/sonla-stack
INSTALLED := $(VENV)/.installed
PUBLISHER_VENV := .venv-publisher
PUBLISHER_INSTALLED := $(PUBLISHER_VENV)/.installed
UV_VERSION := 0.13.9

.PHONY: run stop status test test-publisher test-ckan lint install clean bench-search bench-datastore bench-sync bench-validate i18n chromium screenshots docs

run: $(INSTALLED) i18n ## Start PostgreSQL, Redis and the portal with demo data at http://127.0.0.1:$${SONLA_PORT:-5000}
	$(STACK) up

stop: ## Stop everything `make run` / `make test` started
	@if [ -x $(STACK) ]; then $(STACK) stop; fi

status:
	$(STACK) status

install: $(INSTALLED) i18n

# Compile the portal's message catalogues (ckanext-sonla's strings + translations/ overrides of
# CKAN core) into ckanext-sonla/ckanext/sonla/i18n/*/LC_MESSAGES/ckanext-sonla.mo (git-ignored).
# Takes well under a second, so it always runs.
i18n: $(INSTALLED)
	$(PY) -m ckanext.sonla.catalogues

$(INSTALLED): setup.py ckanext-sonla/setup.py publisher/pyproject.toml requirements/*.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 10), "Python 3.10+ is needed"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(UV) pip install --quiet --python $(PY) --override requirements/overrides.txt -r requirements/dev.txt
	touch $@

# The publisher alone, without CKAN: proves agency staff can install it on a laptop.
$(PUBLISHER_INSTALLED): $(INSTALLED) publisher/pyproject.toml
	test -x $(PUBLISHER_VENV)/bin/python || $(PYTHON) -m venv $(PUBLISHER_VENV)
	$(UV) pip install --quiet --python $(PUBLISHER_VENV)/bin/python -e ./publisher pytest
	touch $@

# mypy checks the packages listed in pyproject.toml's [tool.mypy]; its cache is .mypy_cache/ (git-ignored).
lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test: lint test-publisher test-ckan ## Run the whole test suite

test-publisher: $(PUBLISHER_INSTALLED)
	$(PUBLISHER_VENV)/bin/python -c 'import importlib.util, sys; sys.exit("ckan must not be installed here" if importlib.util.find_spec("ckan") else 0)'
	$(PUBLISHER_VENV)/bin/python -m pytest tests/publisher
	$(PUBLISHER_VENV)/bin/sonla-publish catalogue check

test-ckan: $(INSTALLED) i18n chromium
	$(STACK) prepare-tests
	$(PY) -m pytest --ckan-ini=test.ini tests/ckanext tests/e2e tests/browser; status=$$?; $(STACK) release-tests; exit $$status

# Debian's Chromium for the browser tests (Playwright's own browser download is not used).
# Installed when missing and we are root; otherwise the browser tests skip and say why.
CHROMIUM := /usr/bin/chromium
chromium:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get install -y -qq chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null); \
	else echo "$(CHROMIUM) is missing and this is not root: browser tests will be skipped (sudo apt-get install chromium)"; fi

# Browser tests only (they start their own portal), then copy their screenshots into docs/.
# (CKAN's pytest plugin loads test.ini, hence prepare-tests.)
screenshots: $(INSTALLED) i18n chromium
	$(STACK) prepare-tests
	$(PY) -m pytest --ckan-ini=test.ini tests/browser; status=$$?; $(STACK) release-tests; exit $$status
	mkdir -p docs/screenshots
	cp test-artifacts/screenshots/*.png docs/screenshots/

# The documentation site (docs/ -> site/, git-ignored): regenerate the configuration reference from the
# config declarations, then build strictly (any warning fails). NO_MKDOCS_2_WARNING silences a banner.
docs: $(INSTALLED)
	$(PY) docs/tools/config_reference.py
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --site-dir site

# Validation cost against Frictionless (3 runs each, median/min/max CPU and peak RSS), into benchmarks/RESULTS.md.
bench-validate: $(INSTALLED)
	$(PY) benchmarks/validation.py --write $(BENCH_ARGS)

# Search benchmark on its own embedded services (.run/bench), figures appended to benchmarks/RESULTS.md.
BENCH_ENV := SONLA_RUN_DIR=$(CURDIR)/.run/bench SONLA_PORT=5099 SONLA_REDIS_PORT=6399
bench-search: $(INSTALLED)
	$(BENCH_ENV) $(STACK) up --no-demo
	$(BENCH_ENV) $(PY) benchmarks/search_benchmark.py --ini .run/bench/portal.ini $(BENCH_ARGS); \
	  status=$$?; $(BENCH_ENV) $(STACK) stop; exit $$status

# DataStore loading (CKAN's row trigger vs sonla_dataset_publish's statements) on the bench portal's database.
bench-datastore: $(INSTALLED)
	$(BENCH_ENV) $(STACK) up --no-demo
	$(BENCH_ENV) $(PY) benchmarks/datastore_load.py --ini .run/bench/portal.ini $(BENCH_ARGS); \
	  status=$$?; $(BENCH_ENV) $(STACK) stop; exit $$status

# Sync benchmark (805 synthetic datasets, sync vs ckanapi load) on its own portal (.run/bench-sync).
SYNC_BENCH_ENV := SONLA_RUN_DIR=$(CURDIR)/.run/bench-sync SONLA_PORT=5098 SONLA_REDIS_PORT=6398
bench-sync: $(INSTALLED) $(PUBLISHER_INSTALLED)
	rm -rf .run/bench-sync
	$(SYNC_BENCH_ENV) $(STACK) up --no-demo
	$(SYNC_BENCH_ENV) $(PY) benchmarks/sync_benchmark.py --url http://127.0.0.1:5098 \
	  --token-file .run/bench-sync/credentials.ini $(BENCH_ARGS); \
	  status=$$?; $(SYNC_BENCH_ENV) $(STACK) stop; exit $$status

clean: stop
	rm -rf .run $(VENV) $(PUBLISHER_VENV)
