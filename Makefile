# Two commands set everything up: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
# The linked pages' mirror: ASSISTANT_MIRROR if set, else ../shared/mirror when it exists.
ASSISTANT_MIRROR ?= $(wildcard $(abspath ../shared/mirror))
export ASSISTANT_MIRROR

.PHONY: run test lint install bench clean-index chromium fetch

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	@# CPU build of torch, pinned; installing it first keeps pip from pulling a CUDA build.
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) app.py

# Download (or revalidate) the pages the roadmap links to, then update the index.
fetch: install
	$(VENV)/bin/roadmap-assistant ingest --fetch

lint: install
	$(VENV)/bin/ruff check assistant tests benchmarks app.py
	$(VENV)/bin/ruff format --check assistant tests benchmarks app.py
	$(VENV)/bin/mypy assistant
	$(VENV)/bin/lint-imports --no-cache

test: install lint chromium
	$(PY) -m pytest -q -p no:cacheprovider --durations=15

# The browser tests drive Debian's Chromium (Playwright never downloads a browser here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji; }

bench: install
	$(PY) benchmarks/bench_index.py
	$(PY) benchmarks/bench_answers.py

clean-index:
	rm -rf index/current index/gen-* index/.staging-*
