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
# Every package, with its dependencies, pinned: `make install` installs exactly these (`make lock` writes them).
LOCK := requirements/lock.txt
LOCK_INPUTS := requirements/dev.txt requirements/portal.txt requirements/overrides.txt
PUBLISHER_LOCK := requirements/publisher-lock.txt
PUBLISHER_LOCK_INPUTS := requirements/publisher.txt
# The extension's tests on CKAN 2.11 (make test-ckan-2.11): the same set with CKAN 2.11's own pins.
CKAN211_LOCK := requirements/lock-ckan2.11.txt
CKAN211_LOCK_INPUTS := $(LOCK_INPUTS) requirements/ckan-2.11.txt

.PHONY: run stop status vendor-js test test-publisher test-ckan test-ckan-2.11 test-search-conformance lint install lock clean bench-search bench-search-300k bench-datastore bench-sync bench-live bench-validate bench-load axe i18n i18n-update chromium screenshots docs

run: $(INSTALLED) i18n vendor-js ## Start PostgreSQL, Redis and the portal with demo data at http://127.0.0.1:$${SONLA_PORT:-5000}
	$(STACK) up

stop: ## Stop everything `make run` / `make test` started
	@if [ -x $(STACK) ]; then $(STACK) stop; fi

status:
	$(STACK) status

install: $(INSTALLED) i18n vendor-js

# The chart and map views' JavaScript (Chart.js, Leaflet), from the npm registry at the exact versions of
# ckanext-sonla/js/package-lock.json, copied into the extension's assets (git-ignored), which CKAN's
# webassets bundle: the portal's pages load them from the portal, never from a CDN (docs/developers.md).
VENDOR_JS := ckanext-sonla/ckanext/sonla/assets/vendor/.installed
vendor-js: $(VENDOR_JS)

$(VENDOR_JS): ckanext-sonla/js/package.json ckanext-sonla/js/package-lock.json
	cd ckanext-sonla/js && npm ci --ignore-scripts --no-audit --no-fund --silent
	mkdir -p $(@D)
	cp ckanext-sonla/js/node_modules/chart.js/dist/chart.umd.min.js $(@D)/
	cp ckanext-sonla/js/node_modules/leaflet/dist/leaflet.js ckanext-sonla/js/node_modules/leaflet/dist/leaflet.css $(@D)/
	cp ckanext-sonla/js/node_modules/chart.js/LICENSE.md $(@D)/chart.js-LICENSE.md
	cp ckanext-sonla/js/node_modules/leaflet/LICENSE $(@D)/leaflet-LICENSE
	touch $@

# Compile the portal's message catalogues (ckanext-sonla's strings + translations/ overrides of
# CKAN core) into ckanext-sonla/ckanext/sonla/i18n/*/LC_MESSAGES/ckanext-sonla.mo (git-ignored).
# Takes well under a second, so it always runs.
# Also compiles the publisher's translations/<lang>/LC_MESSAGES/sonla-publisher.po into
# publisher/sonla_publisher/i18n/locale/ (committed: `pip install ./publisher` has no build step;
# written only when a message changed). Translators' workflow: docs/translations.md.
i18n: $(INSTALLED)
	$(PY) -m ckanext.sonla.catalogues
	$(PY) -m sonla_publisher.i18n.build compile

# After adding or changing a publisher message in the code: extract the messages into the
# publisher's .po files (new ones empty in vi, changed ones marked fuzzy), then compile them.
i18n-update: $(INSTALLED)
	$(PY) -m sonla_publisher.i18n.build update
	$(PY) -m sonla_publisher.i18n.build compile

$(INSTALLED): pyproject.toml ckanext-sonla/pyproject.toml publisher/pyproject.toml $(LOCK) $(LOCK_INPUTS)
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed (the locked dev tools need it)"'
	$(call check_lock,$(LOCK),$(LOCK_INPUTS))
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(UV) pip sync --quiet --python $(PY) $(LOCK)
	$(call check_deps,$(PY))
	touch $@

# The publisher alone, without CKAN: proves agency staff can install it on a laptop.
$(PUBLISHER_INSTALLED): $(INSTALLED) publisher/pyproject.toml $(PUBLISHER_LOCK) $(PUBLISHER_LOCK_INPUTS)
	$(call check_lock,$(PUBLISHER_LOCK),$(PUBLISHER_LOCK_INPUTS))
	test -x $(PUBLISHER_VENV)/bin/python || $(PYTHON) -m venv $(PUBLISHER_VENV)
	$(UV) pip sync --quiet --python $(PUBLISHER_VENV)/bin/python $(PUBLISHER_LOCK)
	$(call check_deps,$(PUBLISHER_VENV)/bin/python)
	touch $@

# Each lock file ends with the checksum of the requirement files it was compiled from: `make install` refuses
# a lock that no longer matches them, instead of silently installing the old set.
lock_sum = $$(cat $(1) | sha256sum | cut -d' ' -f1)
check_lock = @grep -qx "\# inputs-sha256: $(call lock_sum,$(2))" $(1) || \
	{ echo "$(1) không khớp với $(2): chạy 'make lock' / $(1) does not match $(2): run 'make lock'"; exit 1; }
# uv pip sync installs the lock as it is: a dependency added to a pyproject.toml since `make lock` is missing.
check_deps = @$(UV) pip check --quiet --python $(1) || \
	{ echo "Thiếu gói phụ thuộc: chạy 'make lock' / A dependency is missing: run 'make lock'"; exit 1; }

# Resolve requirements/*.txt into the lock files, keeping the pins already there where they still fit
# (UPGRADE=1: the newest versions allowed). Universal: one lock for every OS and Python from 3.11
# (3.10 for the publisher's, as agency laptops may have it; the dev tools need 3.11).
LOCK_COMPILE = $(UV) pip compile --quiet --universal $(if $(UPGRADE),--upgrade) --custom-compile-command "make lock"
lock: ## Re-resolve requirements/lock.txt, publisher-lock.txt and lock-ckan2.11.txt after a change to requirements/*.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(LOCK_COMPILE) --python-version 3.11 --override requirements/overrides.txt requirements/dev.txt -o $(LOCK)
	echo "# inputs-sha256: $(call lock_sum,$(LOCK_INPUTS))" >> $(LOCK)
	$(LOCK_COMPILE) --python-version 3.10 $(PUBLISHER_LOCK_INPUTS) -o $(PUBLISHER_LOCK)
	echo "# inputs-sha256: $(call lock_sum,$(PUBLISHER_LOCK_INPUTS))" >> $(PUBLISHER_LOCK)
	$(LOCK_COMPILE) --python-version 3.11 --override requirements/overrides.txt --override requirements/ckan-2.11.txt \
	  requirements/dev.txt -o $(CKAN211_LOCK)
	echo "# inputs-sha256: $(call lock_sum,$(CKAN211_LOCK_INPUTS))" >> $(CKAN211_LOCK)

# mypy checks the packages listed in pyproject.toml's [tool.mypy]; its cache is .mypy_cache/ (git-ignored).
lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test: lint test-publisher test-ckan test-search-conformance test-ckan-2.11 ## Run the whole test suite

test-publisher: $(PUBLISHER_INSTALLED)
	$(PUBLISHER_VENV)/bin/python -c 'import importlib.util, sys; sys.exit("ckan must not be installed here" if importlib.util.find_spec("ckan") else 0)'
	$(PUBLISHER_VENV)/bin/python -m pytest tests/publisher
	$(PUBLISHER_VENV)/bin/sonla-publish catalogue check

test-ckan: $(INSTALLED) i18n vendor-js chromium axe
	$(STACK) prepare-tests
	$(PY) -m pytest --ckan-ini=test.ini tests/ckanext tests/e2e tests/browser; status=$$?; $(STACK) release-tests; exit $$status

# CKAN's own search tests, from the installed ckan package, against sonla_search (docs/search.md,
# "CKAN conformance"): CKAN's test defaults in test-conformance.ini, the reset of our index and the
# expected differences (xfail strict) in tests/search_conformance/. About 4 minutes idle, 5-7 on a busy 2-core machine.
CONFORMANCE_TESTS := ckan.tests.logic.action.test_get ckan.tests.controllers.test_package \
	ckan.tests.controllers.test_organization ckan.tests.controllers.test_group ckan.tests.lib.search

test-search-conformance: $(INSTALLED) i18n
	$(STACK) prepare-tests
	PYTHONPATH=tests $(PY) -m pytest --ckan-ini=test-conformance.ini -p search_conformance.plugin \
	  -p no:cacheprovider --pyargs $(CONFORMANCE_TESTS); \
	  status=$$?; $(STACK) release-tests; exit $$status

# The extension's tests on CKAN 2.11, the older supported version (docs/developers.md, "Supported CKAN
# versions"), in their own venv (requirements/ckan-2.11.txt over requirements/dev.txt) and on their own
# services and databases (.run/ckan-2.11, Redis on SONLA_REDIS_PORT + 100): a database CKAN 2.12 migrated
# cannot go back. The e2e and browser tests run on the main version only.
CKAN211_VENV := .venv-ckan2.11
CKAN211_INSTALLED := $(CKAN211_VENV)/.installed
CKAN211_ENV := SONLA_RUN_DIR=$(CURDIR)/.run/ckan-2.11 SONLA_REDIS_PORT=$$(( $${SONLA_REDIS_PORT:-6390} + 100 ))

$(CKAN211_INSTALLED): $(INSTALLED) pyproject.toml ckanext-sonla/pyproject.toml publisher/pyproject.toml \
		$(CKAN211_LOCK) $(CKAN211_LOCK_INPUTS)
	$(call check_lock,$(CKAN211_LOCK),$(CKAN211_LOCK_INPUTS))
	test -x $(CKAN211_VENV)/bin/python || $(PYTHON) -m venv $(CKAN211_VENV)
	$(UV) pip sync --quiet --python $(CKAN211_VENV)/bin/python $(CKAN211_LOCK)
	$(call check_deps,$(CKAN211_VENV)/bin/python)
	touch $@

test-ckan-2.11: $(CKAN211_INSTALLED) i18n vendor-js
	$(CKAN211_ENV) $(CKAN211_VENV)/bin/sonla-stack prepare-tests
	$(CKAN211_ENV) $(CKAN211_VENV)/bin/python -m pytest --ckan-ini=.run/ckan-2.11/test.ini tests/ckanext; \
	  status=$$?; $(CKAN211_ENV) $(CKAN211_VENV)/bin/sonla-stack release-tests; exit $$status

# Debian's Chromium for the browser tests (Playwright's own browser download is not used).
# Installed when missing and we are root; otherwise the browser tests skip and say why.
CHROMIUM := /usr/bin/chromium
chromium:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get install -y -qq chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null); \
	else echo "$(CHROMIUM) is missing and this is not root: browser tests will be skipped (sudo apt-get install chromium)"; fi

# axe-core (the accessibility rules the browser tests inject, tests/browser/test_pages_a11y.py),
# from the npm registry at build time like the Python packages from PyPI; never fetched while tests run.
# Git-ignored; `npm pack` checks the tarball against the registry's integrity hash.
AXE_CORE_VERSION := 4.10.3
AXE := tests/browser/vendor/axe-core-$(AXE_CORE_VERSION).min.js
axe: $(AXE)
$(AXE):
	mkdir -p tests/browser/vendor
	cd tests/browser/vendor && npm pack --silent axe-core@$(AXE_CORE_VERSION) >/dev/null \
	  && tar -xzf axe-core-$(AXE_CORE_VERSION).tgz package/axe.min.js \
	  && mv package/axe.min.js axe-core-$(AXE_CORE_VERSION).min.js && rm -rf package axe-core-$(AXE_CORE_VERSION).tgz

# Browser tests only (they start their own portal), then copy their screenshots into docs/.
# (CKAN's pytest plugin loads test.ini, hence prepare-tests.)
screenshots: $(INSTALLED) i18n vendor-js chromium axe
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

# Search benchmark on its own embedded services (.run/bench), figures and the verdict on issue 19's goals
# appended to benchmarks/RESULTS.md: 805, 10,000 and 100,000 datasets, 3 timed runs each (~15 min idle).
# bench-search-300k adds 300,000 datasets (the index-build and worst-query goals; ~45 min idle).
BENCH_ENV := SONLA_RUN_DIR=$(CURDIR)/.run/bench SONLA_PORT=5099 SONLA_REDIS_PORT=6399
bench-search: $(INSTALLED)
	$(BENCH_ENV) $(STACK) up --no-demo
	$(BENCH_ENV) $(PY) benchmarks/search_benchmark.py --ini .run/bench/portal.ini $(BENCH_ARGS); \
	  status=$$?; $(BENCH_ENV) $(STACK) stop; exit $$status

bench-search-300k: $(INSTALLED)
	$(MAKE) bench-search BENCH_ARGS="--sizes 100000 300000 $(BENCH_ARGS)"

# DataStore loading (CKAN's row trigger vs sonla_dataset_publish's statements) on the bench portal's database.
bench-datastore: $(INSTALLED)
	$(BENCH_ENV) $(STACK) up --no-demo
	$(BENCH_ENV) $(PY) benchmarks/datastore_load.py --ini .run/bench/portal.ini $(BENCH_ARGS); \
	  status=$$?; $(BENCH_ENV) $(STACK) stop; exit $$status

# The benchmark environment: the portal's lock plus requirements/bench.txt (ckanext-xloader for the standard
# route of bench-sync). Never the portal's .venv: xloader is not part of the product.
BENCH_VENV := .venv-bench
BENCH_INSTALLED := $(BENCH_VENV)/.installed
$(BENCH_INSTALLED): $(INSTALLED) $(LOCK) requirements/bench.txt
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(UV) pip sync --quiet --python $(BENCH_VENV)/bin/python $(LOCK)
	$(UV) pip install --quiet --python $(BENCH_VENV)/bin/python -r requirements/bench.txt
	$(call check_deps,$(BENCH_VENV)/bin/python)
	touch $@

# Sync benchmark: the full sync of 805 synthetic datasets against the standard route (ckanapi load with the
# files uploaded + ckanext-xloader on CKAN's job queue, on a plain CKAN beside the portal), 3 repetitions,
# on its own portal (.run/bench-sync). Ports: SYNC_BENCH_PORT, SYNC_BENCH_STANDARD_PORT, SONLA_REDIS_PORT.
# A subset for development: make bench-sync BENCH_ARGS="--count 100 --repeat 1" (benchmarks/README.md).
SYNC_BENCH_PORT ?= 5098
SYNC_BENCH_STANDARD_PORT ?= 5097
SYNC_BENCH_ENV := SONLA_RUN_DIR=$(CURDIR)/.run/bench-sync SONLA_PORT=$(SYNC_BENCH_PORT) \
	SONLA_REDIS_PORT=$(or $(SONLA_REDIS_PORT),6398)
bench-sync: $(INSTALLED) $(PUBLISHER_INSTALLED) $(BENCH_INSTALLED)
	rm -rf .run/bench-sync
	$(SYNC_BENCH_ENV) $(STACK) up --no-demo
	$(SYNC_BENCH_ENV) $(PY) benchmarks/sync_benchmark.py --url http://127.0.0.1:$(SYNC_BENCH_PORT) \
	  --token-file .run/bench-sync/credentials.ini --bench-venv $(BENCH_VENV) \
	  --standard-port $(SYNC_BENCH_STANDARD_PORT) $(BENCH_ARGS); \
	  status=$$?; $(SYNC_BENCH_ENV) $(STACK) stop; exit $$status

# Live sources (issue 23): a 1,000,000-row table in a warehouse database on the embedded PostgreSQL of
# its own stack (.run/bench-live), validated from the database and as an xlsx; BENCH_ARGS="--push" also
# publishes it once. Median of 3, verdict printed, appended to benchmarks/RESULTS.md.
LIVE_BENCH_ENV := SONLA_RUN_DIR=$(CURDIR)/.run/bench-live SONLA_PORT=5097 SONLA_REDIS_PORT=6397
bench-live: $(INSTALLED)
	$(LIVE_BENCH_ENV) $(STACK) up --no-demo
	$(LIVE_BENCH_ENV) $(PY) benchmarks/live_sources.py --pgdata .run/bench-live/pgdata --url http://127.0.0.1:5097 \
	  --token-file .run/bench-live/credentials.ini --write $(BENCH_ARGS); \
	  status=$$?; $(LIVE_BENCH_ENV) $(STACK) stop; exit $$status

# The portal under load (anonymous mix, caching off and on; freshness report at 805 and 10,000 datasets) on its
# own portal (.run/bench-load, started and stopped by the script), figures and verdict appended to RESULTS.md.
bench-load: $(INSTALLED)
	SONLA_PORT=$${SONLA_PORT:-5097} SONLA_REDIS_PORT=$${SONLA_REDIS_PORT:-6397} \
	  $(PY) benchmarks/load_benchmark.py $(BENCH_ARGS)

clean: stop
	rm -rf .run $(VENV) $(PUBLISHER_VENV) $(CKAN211_VENV) $(BENCH_VENV)

# After editing a code list in dataset_specs/codelists/: write the portal's copies of it (docs/developers.en.md).
.PHONY: codelists
codelists:
	$(PYTHON) dataset_specs/tools/sync_codelists.py
