"""Run the Great Expectations suites of ``expectations/`` against the working warehouse.

Each suite is a GX 1.x suite file (``name``, ``expectations``) whose ``meta`` names the mart it
guards and, optionally, the SQL that reads it (to add computed columns such as the provenance
invariant). GX's SQL datasource fails on DuckDB, so the rows are read with DuckDB into a pandas
dataframe and validated there.

Validation is incremental for marts whose rows belong to an article: a suite validates the rows of
articles extracted since it last passed (all rows the first time, and again whenever the suite's
definition changes). Rows of already validated articles are not read again, so a daily run's
checks cost what is new, and the frame in memory is the size of the new batch, not the
warehouse. Whole-table invariants (unique ids across all rows, relationships, provenance) are also
tested by dbt on every build.
"""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import duckdb

# Great Expectations is imported where a suite runs, not here: importing it takes about 200 MB,
# which the pipeline's process would otherwise hold through extraction, its peak of memory.
logging.getLogger("great_expectations").setLevel(logging.WARNING)


@dataclass(frozen=True)
class SuiteSpec:
    name: str
    mart: str
    query: str
    definition: dict

    @property
    def columns(self) -> list[str]:
        """The columns the suite's expectations look at: the only ones read into the frame."""
        names = {expectation["kwargs"][key] for expectation in self.definition["expectations"]
                 for key in ("column", "column_A", "column_B") if key in expectation["kwargs"]}
        return sorted(names)

    @property
    def fingerprint(self) -> str:
        encoded = json.dumps({"query": self.query, "definition": self.definition}, sort_keys=True)
        return hashlib.sha256(encoded.encode()).hexdigest()[:16]


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
    since: datetime | None = None  # rows of articles extracted after this; None: every row

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
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def _quoted(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def _has_article_rows(con: duckdb.DuckDBPyConnection, mart: str) -> bool:
    return con.execute("""
        select count(*) from information_schema.columns
        where table_schema = 'marts' and table_name = ? and column_name = 'article_id'""", [mart]).fetchone()[0] > 0


def checked_through(con: duckdb.DuckDBPyConnection, spec: SuiteSpec) -> datetime | None:
    """The extraction time up to which this suite, as defined now, has passed; None: never."""
    row = con.execute("""
        select checked_through from extraction.quality_check_state
        where suite = ? and suite_fingerprint = ?""", [spec.name, spec.fingerprint]).fetchone()
    return row[0] if row else None


def latest_extraction(con: duckdb.DuckDBPyConnection) -> datetime | None:
    return con.execute("select max(extracted_at) from extraction.processed_articles").fetchone()[0]


def record_passed(con: duckdb.DuckDBPyConnection, spec: SuiteSpec, through: datetime | None) -> None:
    con.execute("""
        insert or replace into extraction.quality_check_state values (?, ?, ?, current_timestamp)""",
                [spec.name, spec.fingerprint, through])


def validate(con: duckdb.DuckDBPyConnection, spec: SuiteSpec, since: datetime | None = None) -> SuiteResult:
    """Validate the mart's rows, or only those of articles extracted after ``since``."""
    # only the columns the expectations name: the articles' bodies alone are most of a frame's memory
    rows = f"select {', '.join(_quoted(c) for c in spec.columns)} from ({spec.query}) as suite_rows"
    if since is not None and _has_article_rows(con, spec.mart):
        query = f"""{rows}
            where article_id in (select article_id from extraction.processed_articles where extracted_at > $since)"""
        frame = con.execute(query, {"since": since}).df()
    else:
        since = None
        frame = con.execute(rows).df()
    context = _context()
    source = context.data_sources.add_or_update_pandas(f"claimhouse_{spec.name}")
    asset = source.add_dataframe_asset(spec.mart)
    batch = asset.add_batch_definition_whole_dataframe("all rows").get_batch(
        batch_parameters={"dataframe": frame})
    from great_expectations.core import ExpectationSuite

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
    return SuiteResult(spec.name, spec.mart, len(frame), outcomes, since)
