"""The analyst's SQL paths on the published warehouse: the worked queries and the Metabase
questions in docs/, run through SQLAlchemy and duckdb-engine, read-only, the way Superset and
Python BI tools connect.

The client runs in a process of its own, as a BI tool does: DuckDB refuses a second connection
to one file from one process with another configuration, and duckdb-engine sets its own.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from worked_queries import metabase_questions, worked_queries

pytestmark = pytest.mark.slow

WORKED = worked_queries()
QUESTIONS = metabase_questions()
# Questions the five sample articles must answer with at least one row.
ANSWERED_BY_THE_SAMPLES = {"who_claimed_what_about_a_place", "same_claim_across_articles", "wire_copies",
                           "actor_statements_over_time", "claims_per_side_per_day", "busiest_places",
                           "actor_spellings", "claim_in_context", "uncorroborated_claims_by_side"}

BI_CLIENT = r"""
import json, sys, warnings
import sqlalchemy as sa
sys.path.insert(0, sys.argv[2])
from worked_queries import metabase_questions, with_variables, without_optional_clauses, worked_queries

engine = sa.create_engine(f"duckdb:///{sys.argv[1]}", connect_args={"read_only": True})
out = {"worked": {}, "metabase": {}}
with engine.connect() as con:
    for name, sql in worked_queries().items():
        result = con.execute(sa.text(sql))
        out["worked"][name] = {"columns": list(result.keys()), "rows": len(result.fetchall())}
    for name, sql in metabase_questions().items():
        out["metabase"][name] = {
            "unfiltered": len(con.execute(sa.text(without_optional_clauses(sql))).fetchall()),
            "filtered": len(con.execute(sa.text(with_variables(sql))).fetchall())}
    try:
        con.execute(sa.text("create table marts.scratch as select 1 as x"))
        out["write"] = "accepted"
    except sa.exc.DBAPIError as error:
        out["write"] = str(error.orig)
inspector = sa.inspect(engine)
out["tables"] = inspector.get_table_names(schema="marts")
with warnings.catch_warnings():
    warnings.simplefilter("ignore", sa.exc.SAWarning)  # list columns have no SQLAlchemy type
    out["comments"] = {c["name"]: c["comment"] for c in inspector.get_columns("claim_corroboration", schema="marts")}
out["table_comment"] = inspector.get_table_comment("figure_disputes", schema="marts")["text"]
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def bi_client(built_warehouse) -> dict:
    settings, _ = built_warehouse
    done = subprocess.run([sys.executable, "-c", BI_CLIENT, str(settings.published_db), str(Path(__file__).parent)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_there_are_a_dozen_worked_questions_and_some_metabase_ones():
    assert len(WORKED) >= 12
    assert len(QUESTIONS) >= 5
    assert ANSWERED_BY_THE_SAMPLES <= set(WORKED)


@pytest.mark.parametrize("name", sorted(WORKED))
def test_worked_query_runs_through_sqlalchemy(bi_client, name):
    result = bi_client["worked"][name]
    assert result["columns"]
    if name in ANSWERED_BY_THE_SAMPLES:
        assert result["rows"] > 0, f"{name} returned nothing on the sample warehouse"


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_metabase_question_runs_with_and_without_its_variables(bi_client, name):
    result = bi_client["metabase"][name]
    assert 0 <= result["filtered"] <= result["unfiltered"]


def test_the_connection_is_read_only(bi_client):
    assert "read-only" in bi_client["write"]


def test_inspector_lists_the_marts_with_their_comments(bi_client):
    assert {"claims", "claim_corroboration", "figure_disputes", "place_activity"} <= set(bi_client["tables"])
    assert "independent" in bi_client["comments"]["independent_source_count"]
    assert all(bi_client["comments"].values())
    assert bi_client["table_comment"]
