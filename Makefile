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

.PHONY: help run test lint types imports pytest frontend frontend-check lockfile-check test-tools bench clean install install-dev

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
	$(BIN)/ruff check backend tests migrations $(wildcard bench)
	$(BIN)/ruff format --check backend tests migrations $(wildcard bench)

types: install-dev
	$(BIN)/mypy
	$(BIN)/mypy tests $(wildcard bench/*.py)

imports: install-dev
	$(BIN)/lint-imports

frontend-check: frontend/node_modules/.package-lock.json lockfile-check
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

pytest: install-dev test-tools
	$(BIN)/pytest

test: lint types imports frontend-check pytest

bench: install-dev
	$(BIN)/python bench/ring_recompute.py
	$(BIN)/python bench/comparison.py
	# collection (issue #10): form import and the 400-city cockpit, SQLite and PostgreSQL
	$(BIN)/python bench/collection.py --postgres $(VR_TEST_POSTGRES_URL)

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist $(OIDC_PROVIDER)/node_modules var .pytest_cache .mypy_cache .ruff_cache
