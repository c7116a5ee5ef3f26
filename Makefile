# Tandem: `make run` serves the demo on http://127.0.0.1:8000, `make test` runs every test.
# pyenv may not be on PATH everywhere: look in its usual home first, then on PATH.
PY      := $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12.*/bin/python3.12) $(shell command -v python3.12 2>/dev/null))
APT     := chromium poppler-utils gettext ffmpeg fonts-dejavu-core fonts-hosny-amiri fonts-lohit-beng-bengali \
           fonts-lohit-guru libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PY)
export PATH := $(HOME)/.local/bin:$(PATH)
MANAGE  := uv run --frozen python manage.py
PYTEST  := uv run --frozen pytest
# For commands that need no real secrets (translations, migration checks).
TOOL    := DJANGO_SETTINGS_MODULE=tandem.settings_test uv run --frozen python manage.py

.PHONY: setup run test test-sqlite test-postgresql lint format messages bench demo

setup: .venv/.synced locale/.compiled

.venv/.synced: pyproject.toml uv.lock Makefile
	@test -n "$(PY)" || { echo "Python 3.12 not found (pyenv install 3.12, or put python3.12 on PATH)" >&2; exit 1; }
	@missing=$$(for p in $(APT); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else echo "missing system packages (install them as root): $$missing" >&2; exit 1; fi; fi
	@command -v uv >/dev/null || $(PY) -m pip install --user -q uv==0.13.9
	uv sync --frozen
	@touch $@

# Translations are compiled from the .po sources (compiled .mo files are build output).
locale/.compiled: .venv/.synced $(wildcard locale/*/LC_MESSAGES/django.po)
	$(TOOL) compilemessages --ignore=.venv -v 0
	@touch $@

run: export TANDEM_DEBUG := yes
run: export TANDEM_SECURE_COOKIES := no
run: setup
	@mkdir -p var
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) demo
	@echo "Tandem on http://127.0.0.1:8000  (sign in as manager@demo.tandem.test / tandem-demo)"
	$(MANAGE) worker --no-reload & W=$$!; trap "kill $$W 2>/dev/null" EXIT INT TERM; \
	  $(MANAGE) runserver 127.0.0.1:8000

demo: export TANDEM_DEBUG := yes
demo: setup
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) demo

test: setup lint test-sqlite test-postgresql

test-sqlite:
	@echo "== Tests on SQLite =="
	$(PYTEST) -n 2 --dist loadgroup

# Runs the suite again on PostgreSQL when one answers; under CI=true a missing one fails.
test-postgresql:
	@if uv run --frozen python scripts/pg_available.py; then \
	  echo "== Tests on PostgreSQL =="; \
	  TANDEM_DB=postgresql $(PYTEST) -n 2 --dist loadgroup; \
	elif [ "$$CI" = "true" ]; then \
	  echo "PostgreSQL is not reachable and CI=true: failing." >&2; exit 1; \
	else \
	  echo "PostgreSQL pass skipped: no server at $${PGHOST:-127.0.0.1}:$${PGPORT:-5432}."; \
	fi

lint:
	uv run --frozen ruff check .
	uv run --frozen ruff format --check .
	$(TOOL) makemigrations --check --dry-run

format:
	uv run --frozen ruff format .
	uv run --frozen ruff check --fix .

messages:
	$(TOOL) makemessages --all --ignore=.venv --ignore=var --ignore=tests --ignore=bench --no-obsolete

# Page speed under 20 concurrent clients on its own database (bench/README.md); not a test.
# PostgreSQL instead of SQLite: make bench BENCH_ARGS=--postgresql
bench: setup
	uv run --frozen python bench/pages.py $(BENCH_ARGS)
