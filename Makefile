# The two commands: `make book` builds the report (HTML + PDF); `make test` runs every check
# in three stages: lint, the fast tests (no book build), then the tests of the built book.
# Both create .venv from requirements.txt first, and refresh it when the lock file changes.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements.sha
PORT ?= 8000
# Keep Python's bytecode cache even where the environment turns it off (PYTHONDONTWRITEBYTECODE):
# without it pytest rewrites every test module's asserts again in each worker on every run (about
# 1.3 s a process). Under _build, so the source tree stays clean and `make clean` clears it.
unexport PYTHONDONTWRITEBYTECODE
export PYTHONPYCACHEPREFIX ?= $(CURDIR)/_build/pycache

.PHONY: book serve check edition test test-fast lint bench tools lock screenshots clean

$(STAMP): requirements.txt
	@echo "[env] creating $(VENV) from requirements.txt ..."
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "[env] FAILED: '$(PYTHON) -m venv' is missing (Debian: apt-get install python3-venv)"; exit 1; }
	@$(PY) -m pip install --quiet --upgrade pip
	@$(PY) -m pip install --quiet -r requirements.txt
	@sha256sum requirements.txt > $(STAMP)
	@echo "[env] ready"

book: $(STAMP)
	@scripts/ensure-tools.sh book
	@$(PY) -m publish

# Live preview on 127.0.0.1:$(PORT): rebuilds what each saved edit reaches and reloads the open pages.
serve: $(STAMP)
	@scripts/ensure-tools.sh book
	@$(PY) -m publish.serve --port $(PORT)

check: $(STAMP)
	@$(PY) -m publish.check

# Freeze the data as the edition named in data/edition.yaml (data/editions/<id>.yaml; never overwritten).
edition: $(STAMP)
	@$(PY) -m publish.edition

tools:
	@scripts/ensure-tools.sh test

lint: $(STAMP)
	@echo "[test] stage 1/3: lint (ruff check, ruff format --check)"
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .

# The inner loop: everything that needs no book build (about half a minute). With --dist worksteal a
# worker that runs dry takes tests queued for the other, so a few long tests do not leave a core idle.
test-fast: $(STAMP)
	@echo "[test] fast tests (no book build)"
	@$(PY) -m pytest -m "not book" -n 2 --dist worksteal

test: $(STAMP) tools lint
	@echo "[test] stage 2/3: fast tests (no book build)"
	@$(PY) -m pytest -m "not book" -n 2 --dist worksteal
	@echo "[test] stage 3/3: tests of the built book (the book is built once and shared)"
	@$(PY) -m pytest -m book -n 2 --dist worksteal

bench: $(STAMP)
	@$(PY) -m publish.bench

screenshots: $(STAMP) book tools
	@$(PY) -m publish.screenshots

lock: $(STAMP)
	@$(VENV)/bin/pip-compile --quiet --no-emit-index-url --no-emit-find-links --strip-extras \
		--output-file=requirements.txt requirements.in

clean:
	rm -rf _build
