# The two commands: `make book` builds the report (HTML + PDF); `make test` runs every check.
# Both create .venv from requirements.txt first, and refresh it when the lock file changes.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements.sha

.PHONY: book check test bench tools lock screenshots clean

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

check: $(STAMP)
	@$(PY) -m publish.check

tools:
	@scripts/ensure-tools.sh test

test: $(STAMP) tools
	@$(PY) -m pytest

bench: $(STAMP)
	@$(PY) -m publish.bench

screenshots: $(STAMP) book tools
	@$(PY) -m publish.screenshots

lock: $(STAMP)
	@$(VENV)/bin/pip-compile --quiet --no-emit-index-url --no-emit-find-links --strip-extras \
		--output-file=requirements.txt requirements.in

clean:
	rm -rf _build
