"""The ``claimhouse`` command: run the pipeline, see what is in the warehouse, query it, report
on it, serve it."""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from orchestration.settings import PROJECT_ROOT, Settings, load_settings

SUMMARY_TABLES = ("articles", "claims", "actors", "places", "figures", "rejected_inputs")


def run_pipeline(settings: Settings, instance=None):
    """Materialise every asset through the one Dagster job (the same path as schedules and sensors)."""
    from dagster import DagsterInstance

    from orchestration.definitions import build_definitions
    from orchestration.warehouse.runs import failure_outcome, finish_run, working_connection_when_free, writer_lock

    defs = build_definitions(settings)
    job = defs.resolve_job_def("build_warehouse")
    instance = instance or DagsterInstance.get()
    log_level = os.environ.get("CLAIMHOUSE_LOG_LEVEL", "INFO")
    result = job.execute_in_process(
        instance=instance, raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": log_level}}}})
    if not result.success:
        failures = [e.message for e in result.all_events if e.is_failure or e.event_type_value == "STEP_FAILURE"]
        failed_checks = [name for name, passed in check_outcomes(result) if not passed]
        status, detail = failure_outcome(failed_checks, failures)
        print(f"claimhouse run {result.run_id} failed ({status}): {detail}", file=sys.stderr)
        try:
            with writer_lock(settings.lock_path, run_id=f"{result.run_id} (failure notice)"), \
                    working_connection_when_free(settings.working_db) as con:
                finish_run(con, result.run_id, status, is_published=False,
                           checks_failed=len(failed_checks) or None, detail=detail)
        except duckdb.Error as error:  # the next run marks the row abandoned instead
            print(f"could not record the failure in the run history: {error}", file=sys.stderr)
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


class _AboveProgressBars:
    """A console stream whose lines print above the progress bars instead of through them."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        from tqdm import tqdm

        with tqdm.external_write_mode(file=self._stream):
            return self._stream.write(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextmanager
def progress_bars(enabled: bool | None = None) -> Iterator[None]:
    """A bar per long step (extraction) on stderr, on a terminal only; Dagster's log lines keep
    scrolling above the bars, because the console streams are wrapped before Dagster's console
    logger takes hold of them."""
    from tqdm import tqdm

    from orchestration.progress import watching

    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield
        return
    real_stdout, real_stderr = sys.stdout, sys.stderr
    bars: dict[str, tqdm] = {}

    def update(step: str, done: int, total: int) -> None:
        bar = bars.get(step)
        if bar is None:
            bar = bars[step] = tqdm(total=total, desc=step, unit="article", file=real_stderr,
                                    dynamic_ncols=True)
        bar.total = total
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    sys.stdout, sys.stderr = _AboveProgressBars(real_stdout), _AboveProgressBars(real_stderr)
    try:
        with watching(update):
            yield
    finally:
        sys.stdout, sys.stderr = real_stdout, real_stderr
        for bar in bars.values():
            bar.close()


def command_run(args: argparse.Namespace) -> int:
    settings = load_settings()
    with progress_bars(args.progress):
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


def default_report_path(settings: Settings) -> Path:
    return settings.published_db.parent / "report.html"


def command_report(args: argparse.Namespace) -> int:
    from orchestration.report import write_report

    settings = load_settings()
    if not settings.published_db.exists():
        print(f"no published warehouse at {settings.published_db}; run `make run` first", file=sys.stderr)
        return 1
    output = Path(args.output) if args.output else default_report_path(settings)
    try:
        result = write_report(settings.published_db, output)
    except duckdb.CatalogException as error:
        print(f"the warehouse lacks a table the report reads ({error}); rebuild it with `make run`",
              file=sys.stderr)
        return 1
    print(f"report written: {result.path} ({result.size_bytes:,} bytes; charts: {', '.join(result.charts)})")
    print(f"open it in any browser (no network needed): file://{result.path.resolve()}")
    return 0


def command_serve(args: argparse.Namespace) -> int:
    from orchestration.serve.server import ServeOptions, build_server, generate_password

    settings = load_settings()
    password = os.environ.get("CLAIMHOUSE_SERVE_PASSWORD") or generate_password()
    options = ServeOptions(db_path=settings.published_db, host=args.host, port=args.port,
                           user=args.user, password=password)
    try:
        server = build_server(options)
    except (FileNotFoundError, OSError) as error:
        print(f"cannot serve: {error}", file=sys.stderr)
        return 1
    host, port = server.server_address[:2]
    shown = "(from CLAIMHOUSE_SERVE_PASSWORD)" if os.environ.get("CLAIMHOUSE_SERVE_PASSWORD") else password
    print(f"serving {settings.published_db} read-only over the PostgreSQL protocol on {host}:{port}")
    print(f"  user {options.user}, password {shown}, any database name")
    print(f"  psql: PGPASSWORD=... psql -h {host} -p {port} -U {options.user} -d claimhouse")
    print("  Ctrl-C stops the server; restart it after `make run` to serve the newly published warehouse",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claimhouse", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="ingest the raw folder, extract, build, check and publish")
    run.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                     help="progress bars on long steps (default: when stderr is a terminal)")
    run.set_defaults(handler=command_run)
    status = commands.add_parser("status", help="what is in the warehouse, the last run, rejected inputs")
    status.set_defaults(handler=command_status)
    query = commands.add_parser("query", help="run read-only SQL against the published warehouse")
    query.add_argument("sql", help="the SQL to run, e.g. \"select * from marts.claims limit 5\"")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")
    query.add_argument("--limit", type=int, default=40, help="rows shown in table format")
    query.set_defaults(handler=command_query)
    report = commands.add_parser(
        "report", help="write the visual report: one self-contained HTML file",
        description="Write an HTML report of the published warehouse (map of places, claims per "
                    "side over time, top actors, figures in dispute). It opens offline in any browser.")
    report.add_argument("--output", "-o", help="where to write it (default: report.html beside the warehouse)")
    report.set_defaults(handler=command_report)
    serve = commands.add_parser(
        "serve", help="serve the warehouse read-only over the PostgreSQL wire protocol",
        description="Serve the published warehouse read-only over the PostgreSQL wire protocol "
                    "(buenavista), so psql, psycopg and BI tools' PostgreSQL drivers can query it. "
                    "The password is CLAIMHOUSE_SERVE_PASSWORD, or a generated one that is printed.")
    serve.add_argument("--host", default=os.environ.get("CLAIMHOUSE_SERVE_HOST", "127.0.0.1"),
                       help="address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=int(os.environ.get("CLAIMHOUSE_SERVE_PORT", "5433")),
                       help="port to listen on (default 5433)")
    serve.add_argument("--user", default=os.environ.get("CLAIMHOUSE_SERVE_USER", "analyst"),
                       help="user name clients log in with (default analyst)")
    serve.set_defaults(handler=command_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    # The project's instance settings (run queue, no telemetry) when the caller has not chosen one.
    os.environ.setdefault("DAGSTER_HOME", str(PROJECT_ROOT / "dagster_home"))
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
