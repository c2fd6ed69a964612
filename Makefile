# Vergleichsring – the two commands: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
HOST ?= 127.0.0.1
PORT ?= 8000
export VR_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/postgres

FRONTEND_SOURCES := $(shell find frontend/src frontend/index.html frontend/vite.config.ts frontend/package.json -type f 2>/dev/null)

.PHONY: system-packages help run test lint types imports pytest frontend frontend-check lockfile-check test-tools bench clean install install-dev

help:
	@echo "make run    – install what is missing, migrate, seed demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test   – install test tools, run lint, types, import contracts and every test"
	@echo "make bench  – run the benchmarks in bench/ (about 5 minutes)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(UV): | $(BIN)/python
	$(BIN)/python -m pip --version >/dev/null 2>&1 || $(BIN)/python -m ensurepip >/dev/null
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv

$(VENV)/.installed-run: requirements.txt pyproject.toml | $(UV)
	$(UV) pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.txt
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	@touch $@

$(VENV)/.installed-dev: requirements-dev.txt pyproject.toml | $(UV)
	$(UV) pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements-dev.txt
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	@touch $@ $(VENV)/.installed-run

install: $(VENV)/.installed-run
install-dev: $(VENV)/.installed-dev

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

frontend/dist/index.html: frontend/node_modules/.package-lock.json $(FRONTEND_SOURCES)
	cd frontend && npm run build

frontend: frontend/dist/index.html

run: install frontend
	mkdir -p var
	$(BIN)/vergleichsring setup --demo-if-empty
	$(BIN)/vergleichsring serve --host $(HOST) --port $(PORT)

lint: install-dev
	$(BIN)/ruff check backend tests migrations scripts $(wildcard bench)
	$(BIN)/ruff format --check backend tests migrations scripts $(wildcard bench)

types: install-dev
	$(BIN)/mypy
	$(BIN)/mypy tests scripts $(wildcard bench/*.py)

imports: install-dev
	$(BIN)/lint-imports

frontend-check: frontend/node_modules/.package-lock.json lockfile-check api-client-check
	cd frontend && npm run lint && npm run typecheck && npm test && npm run build

# The real OpenID Connect provider the SSO tests run against (npm package oidc-provider).
OIDC_PROVIDER := tests/auth/oidc_provider
$(OIDC_PROVIDER)/node_modules/.package-lock.json: $(OIDC_PROVIDER)/package-lock.json
	cd $(OIDC_PROVIDER) && npm ci --no-audit --no-fund
	@touch $@

test-tools: $(OIDC_PROVIDER)/node_modules/.package-lock.json

# Lock files must not carry registry addresses.
lockfile-check:
	@! grep -nE '"resolved"|https?://' frontend/package-lock.json $(OIDC_PROVIDER)/package-lock.json
	@! grep -nE -- '--(extra-)?index-url|https?://' requirements.txt requirements-dev.txt

pytest: install-dev test-tools system-packages frontend
	$(BIN)/pytest

test: lint types imports frontend-check pytest

# --- Generated API client (issue #11) ---------------------------------------------------------
# scripts/write_openapi.py writes the backend's OpenAPI document; openapi-typescript turns it into
# frontend/src/api/schema.gen.ts (committed, never edited). `make api-client` regenerates it after
# an API change; `make api-client-check` (part of `make test`) fails when the committed file is stale.
API_SCHEMA := frontend/src/api/schema.gen.ts

.PHONY: api-client api-client-check
api-client: install-dev frontend/node_modules/.package-lock.json
	@tmp=$$(mktemp -d) && $(BIN)/python scripts/write_openapi.py $$tmp/openapi.json \
	  && (cd frontend && npx openapi-typescript $$tmp/openapi.json -o src/api/schema.gen.ts) ; rc=$$? ; rm -rf $$tmp ; exit $$rc

api-client-check: install-dev frontend/node_modules/.package-lock.json
	@tmp=$$(mktemp -d) && $(BIN)/python scripts/write_openapi.py $$tmp/openapi.json \
	  && (cd frontend && npx openapi-typescript $$tmp/openapi.json -o $$tmp/schema.gen.ts >/dev/null) \
	  && if diff -u $(API_SCHEMA) $$tmp/schema.gen.ts > $$tmp/diff; then rm -rf $$tmp; \
	     else head -40 $$tmp/diff; rm -rf $$tmp; echo "$(API_SCHEMA) is stale: run 'make api-client' and commit it" >&2; exit 1; fi

# --- System packages the tests need (Debian) ------------------------------------------------------
# chromium: the browser the end-to-end tests drive (Python Playwright, tests/e2e/). Add packages to
# APT_PACKAGES; only the missing ones are installed (apt-get update once, then install).
# poppler-utils: pdftoppm turns the report PDFs into PNG pages (issue 13).
APT_PACKAGES := chromium poppler-utils

.PHONY: system-packages
system-packages:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y --no-install-recommends $$missing \
	    || echo "could not install$$missing (the tests that need them skip, or fail with CI=true)" >&2; \
	fi

bench: install-dev frontend system-packages
	$(BIN)/python bench/ring_recompute.py
	$(BIN)/python bench/comparison.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/reports.py
	$(BIN)/python bench/frontend.py
	# collection (issue #10): form import and the 400-city cockpit, SQLite and PostgreSQL
	$(BIN)/python bench/collection.py --postgres $(VR_TEST_POSTGRES_URL)

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist $(OIDC_PROVIDER)/node_modules var .pytest_cache .mypy_cache .ruff_cache
