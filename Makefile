# The front door. `make run` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

export DAGSTER_HOME ?= $(CURDIR)/dagster_home
export PYTHONUNBUFFERED := 1

.PHONY: install run test dev eval clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install  ## ingest raw/, extract, build and check the marts, publish data/claimhouse.duckdb
	$(BIN)/claimhouse run

test: install  ## the whole test suite (real DuckDB, dbt, Dagster and spaCy on small data)
	$(BIN)/python -m pytest

dev: install  ## the Dagster UI on workspace.yaml
	$(BIN)/dagster dev -w workspace.yaml

eval: install  ## extraction quality: sample gold (needs `make run` first) and the public gold sets
	$(BIN)/python -m orchestration.evaluation.report

clean:
	rm -rf data dbt_project/target dbt_project/logs
