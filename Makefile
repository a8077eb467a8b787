# The README's two commands: `make setup` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup test demo lint clean

# Create ./.venv with eventwire and every dependency at its pinned version
# (requirements.lock constrains the transitive ones), vendor the dashboard's npm
# assets (web/package-lock.json), then code the bundled example articles.
setup: $(STAMP) demo

$(STAMP): pyproject.toml requirements.lock
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]"
	scripts/vendor-web.sh
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	$(BIN)/eventwire code src/eventwire/examples/articles.jsonl -o out/example.jsonl
	$(BIN)/eventwire code src/eventwire/examples/articles.jsonl --format csv --quiet -o out/example.csv
	@echo "wrote out/example.jsonl (one article record per line) and out/example.csv (one row per event)"

# The suite runs against a real PostgreSQL server and Debian's Chromium, which
# scripts/test-services.sh installs (when root and missing) and starts.
test: $(STAMP)
	eval "$$(scripts/test-services.sh)" && $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/eventwire kb check

clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis
