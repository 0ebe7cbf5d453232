# Two commands for a newcomer: `make run` and `make test`. Everything else is for CI and operators.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Where `make run` serves; e.g. `make run PORT=8001` beside another checkout.
PORT ?= 8000
# Two installs, each re-done only when the dependency list changes: `make run` needs the
# service's own dependencies, everything else the development tools too. The dev install
# includes the runtime one, so it stamps both: `make run` after `make test` installs nothing.
RUNTIME_INSTALLED := $(VENV)/.installed-runtime
DEV_INSTALLED := $(VENV)/.installed-dev
INSTALLED := $(DEV_INSTALLED)
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
# The settings default to production (debug off, a secret key required). The development
# commands below turn debug on for themselves: the local SQLite database, no secret needed.
DEBUG_ON := DJANGO_DEBUG=1

.PHONY: run test test-fast messages bench soak cluster fuzz contract client-test check lint types schema schema-check migrations-check content-check release-fingerprints install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip

$(RUNTIME_INSTALLED): pyproject.toml | $(BIN)/python
	$(PIP) -e .
	@touch $@

$(DEV_INSTALLED): pyproject.toml | $(BIN)/python
	$(PIP) -e '.[dev]'
	@touch $@ $(RUNTIME_INSTALLED)

install: $(INSTALLED)

# Migrates, loads the content pack, makes the local admin and serves; prints where everything
# is once the server answers (footcare/management/commands/run_local.py).
run: $(RUNTIME_INSTALLED)
	$(DEBUG_ON) $(BIN)/python manage.py run_local 127.0.0.1:$(PORT)

# The suite on every core. Tests go out one by one in pytest-django's order (transactional
# tests last, as in a serial run): grouping them by file let a transactional test's flush
# reach other files' tests on the same worker. Only the edge and browser tests go as a group
# (--dist loadgroup; tests/conftest.py), so that their expensive fixture is made once, and in
# that order (--no-loadscope-reorder): xdist would send the biggest group first.
test: $(INSTALLED)
	$(DEBUG_ON) $(BIN)/python manage.py check
	$(BIN)/pytest -n auto --dist loadgroup --no-loadscope-reorder

# The developer's loop (under a minute on two cores: 53 s on a fresh clone): the suite without
# the tests that start processes (gunicorn, runserver, `make run`, manage.py or a tool in a
# subprocess, a live server), drive Chromium or start nginx, and without the tests that take
# tens of seconds (markers `server`, `browser`, `edge`, `slow`; pyproject.toml,
# tests/conftest.py). Run `make test`, all of it, before you commit.
test-fast: $(INSTALLED)
	$(BIN)/pytest -n auto --dist loadgroup --no-loadscope-reorder -m "not server and not browser and not edge and not slow"

# The Russian catalogue: collect every string the code marks, then compile it. Both files are
# committed; a test fails while a marked string has no Russian text or the .mo is stale.
messages: $(INSTALLED)
	$(DEBUG_ON) $(BIN)/python manage.py makemessages -l ru --no-obsolete
	msgfmt --check -o footcare/locale/ru/LC_MESSAGES/django.mo footcare/locale/ru/LC_MESSAGES/django.po

# A benchmark, not a test: gunicorn under wrk on 127.0.0.1; figures in bench/results/.
bench: $(INSTALLED)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	$(BIN)/python -m bench.run

# A script, not a test: 32 clients for 60 s on 127.0.0.1 with edits and a killed worker.
soak: $(INSTALLED)
	$(BIN)/python bench/soak.py

# A script, not a test: two app servers on PostgreSQL and Redis behind nginx, the published
# tree, edits through the admin under load; prints requests, errors and stale reads.
cluster: $(INSTALLED)
	$(BIN)/python -m deploy.cluster

# schemathesis, every check and phase, against gunicorn on a fresh copy of the content (SQLite,
# or PostgreSQL when DATABASE_URL names it). Fixed seed and budget, so a run is repeatable.
fuzz: $(INSTALLED)
	FUZZ_MAX_EXAMPLES=$${FUZZ_MAX_EXAMPLES:-200} $(BIN)/python fuzz/run.py

# The committed contract as client tools see it: Redocly and Spectral lint it, openapi-typescript
# turns it into types, and `tsc --strict` checks ~370 real answers (both languages) against them.
# Pinned npm tools in clients/typescript/.
TS := clients/typescript
contract: $(INSTALLED)
	cd $(TS) && npm ci --no-audit --no-fund --loglevel=error
	cd $(TS) && npx redocly lint ../../openapi/v1.yaml --config redocly.yaml --format=summary
	cd $(TS) && npx spectral lint ../../openapi/v1.yaml --ruleset .spectral.yaml --fail-severity=error
	cd $(TS) && npx openapi-typescript ../../openapi/v1.yaml --output generated/v1.ts
	$(DEBUG_ON) $(BIN)/python $(TS)/write_answers.py $(TS)/generated/answers.ts
	cd $(TS) && npx tsc --project tsconfig.json

# The official TypeScript client, @footcare/client (clients/typescript/src/): built on the types
# generated from the contract, then node's test runner runs its tests, against made-up answers
# and against a live server they start on a fresh SQLite database. Fails when a test fails,
# is skipped, or none ran (test-runner.mjs).
client-test: $(INSTALLED)
	cd $(TS) && npm ci --no-audit --no-fund --loglevel=error
	cd $(TS) && npx openapi-typescript ../../openapi/v1.yaml --output generated/v1.ts
	cd $(TS) && rm -rf dist build && npx tsc --project tsconfig.build.json
	cd $(TS) && node readme-example.mjs && npx tsc --project tsconfig.test.json
	cd $(TS) && FOOTCARE_PYTHON=$(CURDIR)/$(BIN)/python node test-runner.mjs

check: lint types migrations-check schema-check content-check

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

types: $(INSTALLED)
	$(DEBUG_ON) $(BIN)/mypy .

migrations-check: $(INSTALLED)
	$(DEBUG_ON) $(BIN)/python manage.py makemigrations --check --dry-run

# Regenerate the committed v1 contract after an intended, backward-compatible API change.
schema: $(INSTALLED)
	$(DEBUG_ON) $(BIN)/python manage.py spectacular --api-version v1 --validate --fail-on-warn --file openapi/v1.yaml

schema-check: $(INSTALLED)
	$(DEBUG_ON) $(BIN)/python manage.py spectacular --api-version v1 --validate --fail-on-warn --file /dev/null

# The shipped content pack against every content rule, loaded into a throwaway SQLite database.
content-check: $(INSTALLED)
	@db="$$(mktemp -d)/content.sqlite3"; export DATABASE_URL="sqlite:///$$db" $(DEBUG_ON); \
	$(BIN)/python manage.py migrate --noinput -v0 && \
	$(BIN)/python manage.py load_content >/dev/null && \
	$(BIN)/python manage.py check_content; status=$$?; rm -rf "$$(dirname "$$db")"; exit $$status

# The fingerprints of the items as a release's pack left them, which tell `load_content
# --overwrite` what editors changed in a database that release made: builds the release's
# database with its own code (git history needed), migrates it with today's, and writes
# footcare/content/releases/$(RELEASE).json. Re-run when an item's pack form changes.
RELEASE ?= 6ddff30
release-fingerprints: $(INSTALLED)
	$(BIN)/python -m tests.previous_release $(RELEASE)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache .ruff_cache
