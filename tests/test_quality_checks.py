"""Great Expectations suites validate only what is new since they last passed (real GX, real DuckDB)."""
from __future__ import annotations

from datetime import datetime

import duckdb
import pytest

from orchestration.quality.expectations import (
    SuiteSpec,
    checked_through,
    latest_extraction,
    record_passed,
    validate,
)
from orchestration.warehouse.schema import ensure_schema

CLAIM_SUITE = {"name": "claims_suite", "expectations": [
    {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "claimant_actor_id"}}]}
ACTOR_SUITE = {"name": "actors_suite", "expectations": [
    {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "actor_name"}}]}


def spec(definition: dict, mart: str) -> SuiteSpec:
    return SuiteSpec(definition["name"], mart, f"select * from marts.{mart}", definition)


@pytest.fixture
def con(tmp_path):
    connection = duckdb.connect(str(tmp_path / "work.duckdb"))
    ensure_schema(connection)
    connection.execute("create schema marts")
    connection.execute("create table marts.claims (claim_id varchar, article_id varchar, claimant_actor_id varchar)")
    connection.execute("create table marts.actors (actor_id varchar, actor_name varchar)")
    yield connection
    connection.close()


def extract(con, article_id: str, at: datetime, claimants: list[str | None]) -> None:
    con.execute("insert into extraction.processed_articles values (?, 'v1', 'body', 1, ?)", [article_id, at])
    for number, claimant in enumerate(claimants):
        con.execute("insert into marts.claims values (?, ?, ?)", [f"{article_id}-{number}", article_id, claimant])


def test_a_suite_that_passed_reads_only_rows_of_articles_extracted_since(con):
    claims = spec(CLAIM_SUITE, "claims")
    extract(con, "a1", datetime(2026, 1, 1), ["act_1", "act_2"])
    assert checked_through(con, claims) is None
    first = validate(con, claims, since=checked_through(con, claims))
    assert first.success and first.rows == 2 and first.since is None
    record_passed(con, claims, latest_extraction(con))

    # A bad row slipped into an already validated article is not read again (dbt's tests guard the
    # whole table); the new article's rows are validated, and its bad row fails the suite.
    con.execute("insert into marts.claims values ('a1-late', 'a1', null)")
    extract(con, "a2", datetime(2026, 1, 2), ["act_3", None])
    second = validate(con, claims, since=checked_through(con, claims))
    assert second.since == datetime(2026, 1, 1)
    assert second.rows == 2
    assert not second.success and second.failures[0].unexpected_count == 1


def test_a_changed_suite_revalidates_every_row(con):
    claims = spec(CLAIM_SUITE, "claims")
    extract(con, "a1", datetime(2026, 1, 1), ["act_1"])
    record_passed(con, claims, latest_extraction(con))
    extract(con, "a2", datetime(2026, 1, 2), ["act_2"])
    stricter = spec({**CLAIM_SUITE, "expectations": [*CLAIM_SUITE["expectations"], {
        "type": "expect_column_values_to_be_unique", "kwargs": {"column": "claim_id"}}]}, "claims")
    assert stricter.fingerprint != claims.fingerprint
    assert checked_through(con, stricter) is None
    assert validate(con, stricter, since=checked_through(con, stricter)).rows == 2


def test_marts_without_article_rows_are_validated_whole(con):
    actors = spec(ACTOR_SUITE, "actors")
    con.execute("insert into marts.actors values ('act_1', 'Kyiv'), ('act_2', null)")
    result = validate(con, actors, since=datetime(2026, 1, 1))
    assert result.since is None and result.rows == 2 and not result.success


def test_the_articles_suite_reads_body_lengths_not_bodies_and_fails_an_empty_body(con):
    from orchestration.quality.expectations import load_suites
    from orchestration.settings import PROJECT_ROOT

    articles = next(s for s in load_suites(PROJECT_ROOT / "expectations") if s.mart == "articles")
    assert "body" not in articles.columns and "body_length" in articles.columns
    con.execute("create table marts.articles (article_id varchar, body varchar, source_name varchar, word_count integer)")
    con.execute("insert into marts.articles values ('0123456789abcdef', 'Text.', 'a.txt', 1)")
    assert validate(con, articles).success
    con.execute("insert into marts.articles values ('fedcba9876543210', '', 'b.txt', 0)")
    failed = validate(con, articles)
    assert [(f.column, f.unexpected_count) for f in failed.failures] == [("body_length", 1)]
