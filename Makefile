# 提升工程 2.0 政策指南与自查工具
# A new machine needs: Python 3.11+, Node 20+ with npm, and (for serving and browser tests) nginx, chromium, a
# Chinese font and faketime. scripts/system.sh installs whichever is missing when run as root (setup, serve and test
# call it), and otherwise prints the one apt-get command to run.

PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: setup build serve test bench clean

$(VENV)/.installed: requirements.txt pyproject.toml
	bash scripts/system.sh build
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

node_modules/.package-lock.json: package-lock.json
	bash scripts/system.sh build
	npm ci --no-audit --no-fund

setup: $(VENV)/.installed node_modules/.package-lock.json ## Python venv (pinned) + the tisheng CLI + npm ci
	$(PY) scripts/build_data.py

build: setup ## validate data/, bundle Pyodide and the engine, write site/
	$(VENV)/bin/mkdocs build --clean

serve: build ## build, then serve site/ on http://127.0.0.1:8000 the way production does (nginx)
	bash scripts/system.sh serve
	$(PY) scripts/serve.py --host $(HOST) --port $(PORT)

test: build ## engine, data and browser tests (Chromium against nginx), and the engine's again on other days
	bash scripts/system.sh test
	$(PY) -m pytest -q

bench: build ## print timings; never fails on speed
	$(PY) scripts/bench.py

clean:
	rm -rf site build $(VENV) node_modules
