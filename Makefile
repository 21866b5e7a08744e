# The front door. `make run` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

export DAGSTER_HOME ?= $(CURDIR)/dagster_home
export PYTHONUNBUFFERED := 1
DOCS_PORT ?= 8080

.PHONY: install run test dev eval clean docs report serve browser bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install  ## ingest raw/, extract, build and check the marts, publish data/claimhouse.duckdb
	$(BIN)/claimhouse run

test: install browser  ## the whole test suite (real DuckDB, dbt, Dagster and spaCy on small data)
	$(BIN)/python -m pytest

dev: install  ## the Dagster UI on workspace.yaml
	$(BIN)/dagster dev -w workspace.yaml

eval: install  ## extraction quality: sample gold (needs `make run` first) and the public gold sets
	$(BIN)/python -m orchestration.evaluation.report

bench: install  ## throughput, memory, incremental cost and query speed for N articles (default N="500 2000"): reports/bench.json
	$(BIN)/python -m benchmarks.bench --sizes $(or $(N),500 2000)

docs: install  ## dbt docs (every model and column described), built and served on http://127.0.0.1:$(DOCS_PORT)
	cd dbt_project && ../$(BIN)/dbt docs generate --profiles-dir . --quiet
	cd dbt_project && ../$(BIN)/dbt docs serve --profiles-dir . --host 127.0.0.1 --port $(DOCS_PORT) --no-browser

report: install  ## data/report.html: map of places, claims per side over time, top actors, figures in dispute
	$(BIN)/claimhouse report

serve: install  ## the published warehouse over the PostgreSQL protocol, read-only, behind a password
	$(BIN)/claimhouse serve

browser:  ## headless Chromium (Debian's package) for the report test; without it the test checks the HTML only
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		echo "chromium could not be installed: the report test will check the HTML without a browser"

clean:
	rm -rf data dbt_project/target dbt_project/logs
