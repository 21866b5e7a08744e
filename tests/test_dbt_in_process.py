"""dbt run inside the test's own process (``orchestration.warehouse.dbt_in_process``), on a small
dbt project of its own: result events stream out, failed nodes are reported, a command dbt cannot
run raises, and the database is closed afterwards, so this process can open it again with other
settings (DuckDB refuses a second configuration while the first connection is open)."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from orchestration.warehouse.dbt_in_process import DbtCommandError, failed_nodes, run_dbt

PROFILE = """
tiny:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: "{path}"
      threads: 2
      settings:
        threads: 1
"""


def tiny_project(root: Path, models: dict[str, str], tests: dict[str, str] | None = None) -> list[str]:
    """A dbt project with these models and singular tests; the args that build it."""
    (root / "models").mkdir(parents=True)
    (root / "tests").mkdir()
    (root / "dbt_project.yml").write_text(
        "name: tiny\nversion: '1.0'\nconfig-version: 2\nprofile: tiny\n"
        "flags:\n  send_anonymous_usage_stats: false\n")
    (root / "profiles.yml").write_text(PROFILE.format(path=root / "tiny.duckdb"))
    for name, sql in models.items():
        (root / "models" / f"{name}.sql").write_text(sql)
    for name, sql in (tests or {}).items():
        (root / "tests" / f"{name}.sql").write_text(sql)
    return ["build", "--project-dir", str(root), "--profiles-dir", str(root),
            "--target-path", str(root / "target"), "--log-path", str(root / "target"), "--quiet"]


def open_with_other_settings(root: Path) -> list[tuple]:
    con = duckdb.connect(str(root / "tiny.duckdb"), config={"threads": 2})
    try:
        return con.execute("select n from numbers order by n").fetchall()
    finally:
        con.close()


def test_results_stream_out_and_failed_nodes_are_named(tmp_path):
    args = tiny_project(
        tmp_path,
        models={"numbers": "select 1 as n union all select 2 as n",
                "doubled": "select n * 2 as n from {{ ref('numbers') }}"},
        tests={"no_twos": "select * from {{ ref('numbers') }} where n = 2",
               "no_negatives": "select * from {{ ref('numbers') }} where n < 0"})

    results = list(run_dbt(args))

    by_node = {r["data"]["node_info"]["unique_id"]: (r["info"]["name"], r["data"]["node_info"]["node_status"])
               for r in results}
    # `doubled` is skipped: dbt build runs nothing downstream of a failed test
    assert by_node == {
        "model.tiny.numbers": ("LogModelResult", "success"),
        "test.tiny.no_twos": ("LogTestResult", "fail"),
        "test.tiny.no_negatives": ("LogTestResult", "pass"),
    }
    assert failed_nodes(results) == ["test.tiny.no_twos"]
    assert open_with_other_settings(tmp_path) == [(1,), (2,)]


def test_a_command_dbt_cannot_run_raises_and_leaves_the_database_closed(tmp_path):
    args = tiny_project(tmp_path, models={"numbers": "select 1 as n"})
    assert [r["data"]["node_info"]["node_status"] for r in run_dbt(args)] == ["success"]
    (tmp_path / "models" / "broken.sql").write_text("select * from {{ ref('no_such_model') }}")

    with pytest.raises(DbtCommandError, match="no_such_model"):
        list(run_dbt(args))
    assert open_with_other_settings(tmp_path) == [(1,)]


def test_a_caller_that_stops_early_gets_control_back_only_when_dbt_has_finished(tmp_path):
    models = {f"step_{i}": "select 1 as n" if i == 0 else f"select n + 1 as n from {{{{ ref('step_{i - 1}') }}}}"
              for i in range(6)}
    models["numbers"] = "select n from {{ ref('step_5') }}"
    args = tiny_project(tmp_path, models=models)

    results = run_dbt(args)
    first = next(results)
    results.close()

    assert first["data"]["node_info"]["unique_id"] == "model.tiny.step_0"
    finished = json.loads((tmp_path / "target" / "run_results.json").read_text())["results"]
    assert len(finished) == 7 and {r["status"] for r in finished} == {"success"}
    assert open_with_other_settings(tmp_path) == [(6,)]
