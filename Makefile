# The two commands of the README: `make run` and `make test`. Both set everything up first and
# reuse what is already there when run again.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export DJANGO_DEBUG ?= true

.PHONY: run test setup lint

$(VENV)/.installed: requirements.txt
	bash scripts/system-deps.sh run
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

setup: $(VENV)/.installed
	@bash scripts/system-deps.sh run
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py seed_demo

run: setup
	@echo "Serving http://127.0.0.1:8000/ (Ctrl+C stops it)"
	$(PY) manage.py runserver 127.0.0.1:8000

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

test: setup
	@bash scripts/system-deps.sh test
	@$(MAKE) --no-print-directory node_modules/.installed
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
