"""Run the Great Expectations suites of ``expectations/`` against the working warehouse.

Each suite is a GX 1.x suite file (``name``, ``expectations``) whose ``meta`` names the mart it
guards and, optionally, the SQL that reads it (to add computed columns such as the provenance
invariant). GX's SQL datasource fails on DuckDB, so the rows are read with DuckDB into a pandas
dataframe and validated there.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import great_expectations as gx
from great_expectations.core import ExpectationSuite
from great_expectations.data_context.types.base import ProgressBarsConfig

logging.getLogger("great_expectations").setLevel(logging.WARNING)


@dataclass(frozen=True)
class SuiteSpec:
    name: str
    mart: str
    query: str
    definition: dict


@dataclass(frozen=True)
class ExpectationOutcome:
    expectation: str
    column: str | None
    success: bool
    unexpected_count: int | None
    partial_unexpected: list


@dataclass(frozen=True)
class SuiteResult:
    suite: str
    mart: str
    rows: int
    outcomes: list[ExpectationOutcome]

    @property
    def success(self) -> bool:
        return all(o.success for o in self.outcomes)

    @property
    def failures(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success]


def load_suites(folder: Path) -> list[SuiteSpec]:
    specs = []
    for path in sorted(folder.glob("*.json")):
        definition = json.loads(path.read_text())
        meta = definition.get("meta", {})
        mart = meta["mart"]
        specs.append(SuiteSpec(definition["name"], mart, meta.get("query", f"select * from marts.{mart}"),
                               definition))
    return specs


@cache
def _context():
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def validate(con: duckdb.DuckDBPyConnection, spec: SuiteSpec) -> SuiteResult:
    frame = con.execute(spec.query).df()
    context = _context()
    source = context.data_sources.add_or_update_pandas(f"claimhouse_{spec.name}")
    asset = source.add_dataframe_asset(spec.mart)
    batch = asset.add_batch_definition_whole_dataframe("all rows").get_batch(
        batch_parameters={"dataframe": frame})
    suite = ExpectationSuite(name=spec.name, expectations=spec.definition["expectations"])
    result = batch.validate(suite, result_format="SUMMARY")
    outcomes = [
        ExpectationOutcome(
            expectation=r.expectation_config.type,
            column=r.expectation_config.kwargs.get("column"),
            success=bool(r.success),
            unexpected_count=r.result.get("unexpected_count"),
            partial_unexpected=list(r.result.get("partial_unexpected_list") or [])[:5],
        )
        for r in result.results
    ]
    return SuiteResult(spec.name, spec.mart, len(frame), outcomes)
