"""The whole pipeline on the five sample articles, through the real Dagster job, dbt and checks."""
from __future__ import annotations

import duckdb
import pytest

CONTRACT = {
    "articles": {"article_id": "VARCHAR", "source_name": "VARCHAR", "outlet": "VARCHAR",
                 "title": "VARCHAR", "published_at": "TIMESTAMP", "url": "VARCHAR",
                 "body": "VARCHAR", "word_count": "INTEGER"},
    "actors": {"actor_id": "VARCHAR", "actor_name": "VARCHAR", "actor_type": "VARCHAR",
               "side": "VARCHAR", "aliases": "VARCHAR[]", "mention_count": "INTEGER",
               "article_count": "INTEGER"},
    "actor_mentions": {"article_id": "VARCHAR", "actor_id": "VARCHAR", "surface": "VARCHAR",
                       "char_start": "INTEGER", "char_end": "INTEGER"},
    "places": {"place_id": "VARCHAR", "place_name": "VARCHAR", "place_type": "VARCHAR",
               "country_code": "VARCHAR", "latitude": "DOUBLE", "longitude": "DOUBLE",
               "geonames_id": "BIGINT", "mention_count": "INTEGER", "article_count": "INTEGER"},
    "place_mentions": {"article_id": "VARCHAR", "place_id": "VARCHAR", "surface": "VARCHAR",
                       "char_start": "INTEGER", "char_end": "INTEGER"},
    "claims": {"claim_id": "VARCHAR", "article_id": "VARCHAR", "claimant_actor_id": "VARCHAR",
               "via_actor_id": "VARCHAR", "cue": "VARCHAR", "claim_text": "VARCHAR",
               "is_direct_quote": "BOOLEAN", "is_hedged": "BOOLEAN",
               "char_start": "INTEGER", "char_end": "INTEGER"},
    "figures": {"figure_id": "VARCHAR", "article_id": "VARCHAR", "claim_id": "VARCHAR",
                "surface": "VARCHAR", "value": "DOUBLE", "value_high": "DOUBLE", "unit": "VARCHAR",
                "counts": "VARCHAR", "qualifier": "VARCHAR", "place_id": "VARCHAR",
                "char_start": "INTEGER", "char_end": "INTEGER"},
}
SPANNED = {"actor_mentions": "surface", "place_mentions": "surface", "figures": "surface",
           "claims": "claim_text"}

pytestmark = pytest.mark.slow


def test_run_succeeds_with_every_check_passing(built_warehouse):
    settings, result = built_warehouse
    assert result.success
    evaluations = result.get_asset_check_evaluations()
    assert evaluations, "dbt tests and GX suites should run as asset checks"
    assert [e.check_name for e in evaluations if not e.passed] == []
    assert {e.check_name for e in evaluations} >= {"gx_claims", "gx_figures", "gx_places", "gx_actors"}
    assert settings.published_db.exists()


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_contract_tables_and_column_types(warehouse_db, table):
    columns = dict(warehouse_db.execute("""
        select column_name, data_type from information_schema.columns
        where table_schema = 'marts' and table_name = ?
    """, [table]).fetchall())
    for column, data_type in CONTRACT[table].items():
        assert columns.get(column) == data_type, f"marts.{table}.{column}"


def test_every_sample_article_is_loaded_once(warehouse_db, sample_articles):
    names = [row[0] for row in warehouse_db.execute("select source_name from marts.articles").fetchall()]
    assert sorted(names) == sorted(p.name for p in sample_articles)


@pytest.mark.parametrize("table", sorted(SPANNED))
def test_offsets_point_at_the_surface_text(warehouse_db, table):
    column = SPANNED[table]
    rows, broken = warehouse_db.execute(f"""
        select count(*),
               count(*) filter (where substring(a.body, t.char_start + 1, t.char_end - t.char_start)
                                      is distinct from t.{column})
        from marts.{table} t join marts.articles a using (article_id)
    """).fetchone()
    assert rows > 0, f"marts.{table} is empty"
    assert broken == 0


def test_the_spokesman_spelled_two_ways_is_one_actor(warehouse_db):
    actor_ids = {row[0] for row in warehouse_db.execute("""
        select distinct actor_id from marts.actor_mentions
        where surface ilike '%Dmytrachkivsky%' or surface ilike '%Dmytrashkivsky%'
    """).fetchall()}
    articles = {row[0] for row in warehouse_db.execute("""
        select distinct a.source_name from marts.actor_mentions m join marts.articles a using (article_id)
        where m.surface ilike '%Dmytrachkivsky%' or m.surface ilike '%Dmytrashkivsky%'
    """).fetchall()}
    assert len(articles) == 2
    assert len(actor_ids) == 1


def test_published_file_opens_read_only_from_another_connection(built_warehouse):
    settings, _ = built_warehouse
    con = duckdb.connect(str(settings.published_db), read_only=True)
    try:
        assert con.execute("select count(*) from marts.claims").fetchone()[0] > 0
    finally:
        con.close()


def test_second_run_adds_no_rows(built_warehouse):
    from dagster import DagsterInstance

    from orchestration.cli import run_pipeline

    settings, _ = built_warehouse

    def counts() -> dict[str, int]:
        con = duckdb.connect(str(settings.published_db), read_only=True)
        try:
            tables = con.execute("""
                select table_schema || '.' || table_name from information_schema.tables
                where table_schema in ('raw', 'extraction', 'marts')
                  and table_name not in ('pipeline_runs', 'file_state')
            """).fetchall()
            return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for (t,) in tables}
        finally:
            con.close()

    before = counts()
    with DagsterInstance.ephemeral() as instance:
        assert run_pipeline(settings, instance=instance).success
    assert counts() == before


def test_claim_search_finds_what_a_case_insensitive_scan_finds(warehouse_db):
    con = warehouse_db
    words = [row[0] for row in con.execute("""
        select word from (select unnest(regexp_split_to_array(claim_text, '[^A-Za-z]+')) as word from marts.claims)
        where length(word) >= 5 group by word order by count(*) desc, word limit 5""").fetchall()]
    assert words
    for word in words:
        term = word.upper()  # the search folds case on both sides
        scanned = {r[0] for r in con.execute(
            "select claim_id from marts.claims where claim_text ilike '%' || ? || '%'", [term]).fetchall()}
        searched = {r[0] for r in con.execute(
            "select claim_id from marts.claim_search where contains(search_text, lower(strip_accents(?)))",
            [term]).fetchall()}
        assert scanned and searched == scanned, word
    assert con.execute("select count(*) from marts.claim_search").fetchone()[0] == \
        con.execute("select count(*) from marts.claims").fetchone()[0]
