"""The `claimhouse` console script as an analyst uses it: help, status, query, report; and the
progress bars drawn during a run."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from orchestration.cli import progress_bars
from orchestration.progress import report_progress

CLAIMHOUSE = str(Path(sys.executable).with_name("claimhouse"))
COMMANDS = ("run", "status", "query", "report", "serve")


def claimhouse(*args: str, db: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if db is not None:
        env["CLAIMHOUSE_DB"] = str(db)
    return subprocess.run([CLAIMHOUSE, *args], env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_command_has_help(command):
    done = claimhouse(*([command] if command else []), "--help")
    assert done.returncode == 0, done.stderr
    assert "usage: claimhouse" in done.stdout
    if command is None:
        for name in COMMANDS:
            assert name in done.stdout


@pytest.mark.slow
def test_status_shows_contents_and_last_run(built_warehouse):
    settings, result = built_warehouse
    done = claimhouse("status", db=settings.published_db)
    assert done.returncode == 0, done.stderr
    assert "claims" in done.stdout
    assert "last run:" in done.stdout


@pytest.mark.slow
def test_query_formats(built_warehouse):
    settings, _ = built_warehouse
    sql = "select source_name, word_count from marts.articles order by source_name"
    as_csv = claimhouse("query", sql, "--format", "csv", db=settings.published_db)
    assert as_csv.returncode == 0, as_csv.stderr
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [r["source_name"][:3] for r in rows] == ["000", "001", "002", "003", "004"]
    as_json = claimhouse("query", sql, "--format", "json", db=settings.published_db)
    assert [r["source_name"] for r in json.loads(as_json.stdout)] == [r["source_name"] for r in rows]
    as_table = claimhouse("query", sql, db=settings.published_db)
    assert "source_name" in as_table.stdout and "000_" in as_table.stdout


@pytest.mark.slow
def test_query_is_read_only(built_warehouse):
    settings, _ = built_warehouse
    done = claimhouse("query", "create table marts.scratch as select 1", db=settings.published_db)
    assert done.returncode != 0
    assert "read-only" in done.stderr


@pytest.mark.slow
def test_report_command_writes_the_html(built_warehouse, tmp_path):
    settings, _ = built_warehouse
    output = tmp_path / "out" / "report.html"
    done = claimhouse("report", "--output", str(output), db=settings.published_db)
    assert done.returncode == 0, done.stderr
    assert output.exists() and "<svg" in output.read_text(encoding="utf-8")
    assert str(output) in done.stdout


def test_report_without_a_warehouse_says_so(tmp_path):
    done = claimhouse("report", db=tmp_path / "missing.duckdb")
    assert done.returncode == 1
    assert "make run" in done.stderr


def test_progress_bars_draw_on_stderr_and_keep_log_lines_whole(capsys):
    with progress_bars(enabled=True):
        report_progress("extracting articles", 0, 4)
        print("2026-01-01 dagster - INFO - a log line", file=sys.stderr)
        report_progress("extracting articles", 4, 4)
    err = capsys.readouterr().err
    assert "extracting articles" in err and "4/4" in err
    assert "\n2026-01-01 dagster - INFO - a log line\n" in err.replace("\r", "\n")


def test_no_progress_bars_when_disabled(capsys):
    with progress_bars(enabled=False):
        report_progress("extracting articles", 2, 4)
    assert "extracting" not in capsys.readouterr().err
