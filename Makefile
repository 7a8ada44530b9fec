# Passerelles — the two commands: `make run` (serve the demo) and `make test` (every test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format serve-demo migrate demo bench clean serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The dependencies (and test extras) listed in pyproject.toml, installed without building the
# project itself; stamped so that a second `make` is instant.
# Debian's packages come first (Pango for WeasyPrint, and for the tests zbar, Poppler, Chromium).
$(VENV)/.installed: pyproject.toml scripts/system-packages | $(BIN)/python
	scripts/system-packages test
	$(BIN)/python scripts/requirements.py test > $(VENV)/requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r $(VENV)/requirements.txt
	touch $@

migrate: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py search_index sync

# The worker builds the guide's files in the background (django-tasks, database queue); it
# stops with the server.
run: demo
	@echo "Passerelles : http://$(HOST):$(PORT)/ (espace d'écriture : http://$(HOST):$(PORT)/admin/)"
	@$(BIN)/python manage.py db_worker --backend=database --queue-name=guide --no-reload & \
	worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The production stack on this machine: gunicorn with DEBUG=0, static files collected, the
# guide's worker (scripts/serve says which settings it fills in). On PostgreSQL:
#   DATABASE_URL=$(scripts/postgres-server start | tail -n 1) make serve
serve: $(VENV)/.installed
	HOST=$(HOST) PORT=$(PORT) scripts/serve

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The engine tests talk to a real OpenSearch node: started here when Java and Maven are
# present (scripts/search-node), stopped afterwards; without them those tests are skipped.
test: lint
	@url=""; \
	if command -v java >/dev/null && command -v mvn >/dev/null; then \
	  url=$$(scripts/search-node start | tail -n 1) || url=""; \
	fi; \
	if command -v npm >/dev/null; then scripts/axe-core >/dev/null || true; fi; \
	SEARCH_URL="$$url" $(BIN)/python -m pytest; status=$$?; \
	if [ -n "$$url" ]; then scripts/search-node stop >/dev/null; fi; \
	exit $$status

bench: $(VENV)/.installed
	$(BIN)/python bench/render.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
