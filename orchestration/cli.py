"""The ``claimhouse`` command: run the pipeline, see what is in the warehouse, query it."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import duckdb

from orchestration.settings import Settings, load_settings

SUMMARY_TABLES = ("articles", "claims", "actors", "places", "figures", "rejected_inputs")


def run_pipeline(settings: Settings, instance=None):
    """Materialise every asset through the one Dagster job (the same path as schedules and sensors)."""
    from dagster import DagsterInstance

    from orchestration.definitions import build_definitions
    from orchestration.warehouse.connection import working_connection
    from orchestration.warehouse.runs import finish_run

    defs = build_definitions(settings)
    job = defs.resolve_job_def("build_warehouse")
    instance = instance or DagsterInstance.get()
    log_level = os.environ.get("CLAIMHOUSE_LOG_LEVEL", "INFO")
    result = job.execute_in_process(
        instance=instance, raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": log_level}}}})
    if not result.success:
        failures = [e.message for e in result.all_events if e.is_failure or e.event_type_value == "STEP_FAILURE"]
        with working_connection(settings.working_db) as con:
            finish_run(con, result.run_id, "failed", is_published=False,
                       detail=("; ".join(f for f in failures if f) or "run failed")[:2000])
    return result


def check_outcomes(result) -> list[tuple[str, bool]]:
    outcomes = []
    for evaluation in result.get_asset_check_evaluations():
        name = f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}"
        outcomes.append((name, evaluation.passed))
    return sorted(outcomes)


def table_counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"select count(*) from marts.{t}").fetchone()[0] for t in SUMMARY_TABLES}
    finally:
        con.close()


def print_summary(settings: Settings, result) -> None:
    outcomes = check_outcomes(result)
    failed = [name for name, passed in outcomes if not passed]
    print()
    print("claimhouse run", "succeeded" if result.success else "FAILED", f"(run {result.run_id})")
    if settings.published_db.exists():
        for table, count in table_counts(settings.published_db).items():
            print(f"  {table:<16} {count:>8,}")
    print(f"  checks passed    {len(outcomes) - len(failed):>8,} of {len(outcomes)}")
    for name in failed:
        print(f"  check FAILED: {name}")
    if not result.success:
        print("  the published warehouse was left as it was")
    print(f"  warehouse (published, read-only for analysts): {settings.published_db}")
    print(f"  working database (pipeline only):              {settings.working_db}")


def command_run(args: argparse.Namespace) -> int:
    settings = load_settings()
    result = run_pipeline(settings)
    print_summary(settings, result)
    return 0 if result.success else 1


def command_status(args: argparse.Namespace) -> int:
    settings = load_settings()
    if not settings.published_db.exists():
        print(f"no published warehouse at {settings.published_db}; run `make run` first")
        return 1
    con = duckdb.connect(str(settings.published_db), read_only=True)
    try:
        print(f"warehouse: {settings.published_db}")
        for table, count in table_counts(settings.published_db).items():
            print(f"  {table:<16} {count:>8,}")
        last = con.execute("""
            select run_id, started_at, finished_at, run_status, articles_added, inputs_rejected
            from marts.pipeline_runs order by started_at desc limit 1
        """).fetchone()
        if last:
            print(f"last run: {last[0]} {last[3]} started {last[1]} finished {last[2]} "
                  f"(+{last[4] or 0} articles, {last[5] or 0} rejected)")
        for source, reason, detail in con.execute("""
            select source_name, reason_code, detail from marts.rejected_inputs
            order by detected_at desc limit 20
        """).fetchall():
            print(f"  rejected {source}: {reason}: {detail}")
    finally:
        con.close()
    return 0


def command_query(args: argparse.Namespace) -> int:
    settings = load_settings()
    con = duckdb.connect(str(settings.published_db), read_only=True)
    try:
        relation = con.sql(args.sql)
        if relation is None:
            return 0
        if args.format == "csv":
            relation.pl().write_csv(sys.stdout)
        elif args.format == "json":
            print(json.dumps(relation.pl().to_dicts(), default=str, indent=2))
        else:
            relation.show(max_width=200, max_rows=args.limit)
    except duckdb.Error as error:
        print(f"query failed: {error}", file=sys.stderr)
        return 2
    finally:
        con.close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claimhouse", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="ingest the raw folder, extract, build, check and publish")
    run.set_defaults(handler=command_run)
    status = commands.add_parser("status", help="what is in the warehouse, the last run, rejected inputs")
    status.set_defaults(handler=command_status)
    query = commands.add_parser("query", help="run read-only SQL against the published warehouse")
    query.add_argument("sql", help="the SQL to run, e.g. \"select * from marts.claims limit 5\"")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")
    query.add_argument("--limit", type=int, default=40, help="rows shown in table format")
    query.set_defaults(handler=command_query)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
