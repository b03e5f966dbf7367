# lkjip-analysis — `make help` lists the targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KERNEL := $(VENV)/share/jupyter/kernels/python3/kernel.json
WORKERS ?= 2
# test processes (pytest-xdist; whole files per process, so module fixtures run once): TEST_WORKERS=0 runs in one
TEST_WORKERS ?= 2
PYTEST := $(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadfile

.DEFAULT_GOAL := help

## help: list the targets
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed 's/^## /  /'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (lkjip)" >/dev/null
	touch $(STAMP)

## install: create .venv, install the package with test tools, register the Jupyter kernel
install: $(STAMP)

## report: run every params/*.yaml on the embedded dataset -> outputs/ (HTML, PDF, tables, figures)
report: $(STAMP)
	$(BIN)/lkjip run --all --workers $(WORKERS)

## chromium: install a headless Chromium for fast PDFs (Debian/Ubuntu, as root; else WeasyPrint prints them)
chromium:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium-headless-shell

## test: run the whole test suite
test: $(STAMP)
	$(PYTEST)

## test-fast: the quick loop, without the slow tests (kernels, browsers, wheel build)
test-fast: $(STAMP)
	$(PYTEST) -m "not slow"

## bench: print benchmark figures
bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

## lab: open JupyterLab on the notebooks
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

## clean: remove outputs and caches (keeps .venv)
clean:
	rm -rf outputs .pytest_cache .hypothesis

.PHONY: help install report test test-fast bench lab clean chromium
