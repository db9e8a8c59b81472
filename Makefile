# aqb-extract: everything a fresh Debian machine needs, from two commands (`make run`, `make test`).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Debian packages the tool needs at run time (OCR, rasterising, fonts for the sample renderer).
APT_PACKAGES := tesseract-ocr tesseract-ocr-deu tesseract-ocr-osd poppler-utils
# Only the tests need these: a headless browser for the review report.
APT_TEST_PACKAGES := chromium

.PHONY: run test system system-test install lint typecheck schema samples eval heldout bench clean

run: install
	$(VENV)/bin/aqb-extract extract samples --out out

test: install system-test lint
	$(PY) -m pytest -q -n 2 --dist loadfile

system:
	@$(MAKE) --no-print-directory _apt PKGS="$(APT_PACKAGES)"

system-test:
	@$(MAKE) --no-print-directory _apt PKGS="$(APT_TEST_PACKAGES)"

_apt:
	@missing=""; for p in $(PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if ! $(PYTHON) -c 'import ensurepip, venv' >/dev/null 2>&1; then missing="$$missing python3-venv"; fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "missing Debian packages:$$missing"; echo "install them with: sudo apt-get install$$missing"; exit 1; \
	  fi; \
	fi

# Bytecode as a wheel install would leave it: an editable install has none, and where
# PYTHONDONTWRITEBYTECODE is set every run (and each OCR worker) compiled the package again.
install: system $(STAMP)
	@$(PY) -m compileall -q aqb_extract

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

lint: install
	$(VENV)/bin/ruff check aqb_extract tests scripts
	$(VENV)/bin/ruff format --check aqb_extract tests scripts
	$(VENV)/bin/mypy

schema: install
	$(VENV)/bin/aqb-extract schema > schemas/record.schema.json

samples: install
	$(PY) scripts/generate_samples.py --out samples

eval: install
	$(VENV)/bin/aqb-extract eval samples

# A corpus the pipeline was never tuned on: the generator with another seed (same partners, years
# and variants; other names, projects, wording and scan noise), written to build/, then evaluated.
SEED ?= 105
heldout: install
	$(PY) scripts/generate_samples.py --out build/heldout-$(SEED) --seed $(SEED) --no-seeds >/dev/null
	$(VENV)/bin/aqb-extract eval build/heldout-$(SEED)

bench: install
	$(PY) scripts/bench.py

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache build *.egg-info
