"""The analytics marts on a warehouse built by the real pipeline from the five sample articles."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from orchestration.assets.dbt import DBT_EXECUTABLE, DBT_PROJECT_DIR

pytestmark = pytest.mark.slow

ANALYTICS_MARTS = ("claim_corroboration", "claim_cluster_members", "figure_disputes",
                   "actor_statements", "side_statements", "place_activity")


def test_every_claim_is_in_exactly_one_cluster(warehouse_db):
    claims, members, distinct = warehouse_db.execute("""
        select (select count(*) from marts.claims),
               count(*), count(distinct claim_id)
        from marts.claim_cluster_members
    """).fetchone()
    assert claims > 0
    assert members == distinct == claims


def test_cluster_sizes_add_up(warehouse_db):
    mismatched = warehouse_db.execute("""
        select count(*)
        from marts.claim_corroboration as cc
        join (select cluster_id, count(*) as members, count(distinct source_key) as sources
              from marts.claim_cluster_members group by cluster_id) as m using (cluster_id)
        where cc.claim_count <> m.members or cc.independent_source_count <> m.sources
    """).fetchone()[0]
    assert mismatched == 0


def test_spokesman_flank_claim_is_one_cluster_from_one_wire_source(warehouse_db):
    """Reported in 000 and 002 under two spellings of his name, both relaying AFP."""
    clusters = warehouse_db.execute("""
        select distinct m.cluster_id
        from marts.claim_cluster_members as m
        join marts.articles as a using (article_id)
        where m.claim_text ilike '%flank%'
          and left(a.source_name, 4) in ('000_', '002_')
    """).fetchall()
    assert len(clusters) == 1, f"the flank claim is split over clusters {clusters}"
    cluster_id = clusters[0][0]
    articles = {row[0][:3] for row in warehouse_db.execute("""
        select a.source_name from marts.claim_cluster_members as m join marts.articles as a using (article_id)
        where m.cluster_id = ?
    """, [cluster_id]).fetchall()}
    independent, source_keys, relay_aliases, claimant = warehouse_db.execute("""
        select cc.independent_source_count, cc.source_keys,
               (select flatten(list(r.aliases)) from marts.actors as r
                where r.actor_id in (select relay_actor_id from marts.claim_cluster_members
                                     where cluster_id = cc.cluster_id)),
               cc.claimant_name
        from marts.claim_corroboration as cc where cc.cluster_id = ?
    """, [cluster_id]).fetchone()
    assert {"000", "002"} <= articles
    assert independent == 1
    assert source_keys == ["source:afp"]
    assert "AFP" in relay_aliases
    assert claimant and "dmytr" in claimant.lower()


def test_figures_in_dispute_have_two_claimants_and_a_spread(warehouse_db):
    rows = warehouse_db.execute("""
        select claimant_count, min_value, max_value, spread, len(figure_ids)
        from marts.figure_disputes
    """).fetchall()
    for claimants, low, high, spread, figures in rows:
        assert claimants >= 2 and figures >= 2
        assert spread == pytest.approx(high - low)


def test_place_activity_covers_every_place_mention(warehouse_db):
    mentions, activity = warehouse_db.execute("""
        select (select count(*) from marts.place_mentions), sum(mention_count)
        from marts.place_activity
    """).fetchone()
    assert mentions > 0
    assert activity == mentions


def test_actor_statements_count_every_attributed_claim(warehouse_db):
    attributed, counted = warehouse_db.execute("""
        select (select count(*) from marts.claims where claimant_actor_id is not null),
               (select sum(claim_count) from marts.actor_statements)
    """).fetchone()
    assert counted == attributed
    all_claims, by_side = warehouse_db.execute("""
        select (select count(*) from marts.claims), (select sum(claim_count) from marts.side_statements)
    """).fetchone()
    assert by_side == all_claims


def test_every_mart_table_and_column_carries_its_description_in_duckdb(warehouse_db):
    """persist_docs: BI tools read these comments (Metabase, SQLAlchemy's inspector)."""
    tables = dict(warehouse_db.execute("""
        select table_name, comment from duckdb_tables() where schema_name = 'marts'
    """).fetchall())
    assert set(ANALYTICS_MARTS) <= set(tables)
    assert [t for t, comment in tables.items() if not comment] == []
    undocumented = warehouse_db.execute("""
        select c.table_name || '.' || c.column_name
        from duckdb_columns() as c
        join duckdb_tables() as t on t.schema_name = c.schema_name and t.table_name = c.table_name
        where c.schema_name = 'marts' and coalesce(c.comment, '') = ''
        order by 1
    """).fetchall()
    assert undocumented == []


def _dbt(settings, target: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([DBT_EXECUTABLE, *args, "--profiles-dir", str(DBT_PROJECT_DIR), "--target-path", str(target)],
                          cwd=DBT_PROJECT_DIR, env=settings.dbt_env(), capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def dbt_runs(built_warehouse, tmp_path_factory) -> dict:
    """`dbt docs generate` (what `make docs` builds) then every dbt unit test, on the real
    warehouse, one after the other in one target folder: the second reuses the first's parse, and
    two dbt processes cannot hold the working DuckDB file at once."""
    settings, _ = built_warehouse
    target = tmp_path_factory.mktemp("dbt_target")
    docs = _dbt(settings, target, "docs", "generate")
    catalog = json.loads((target / "catalog.json").read_text()) if docs.returncode == 0 else None
    manifest = json.loads((target / "manifest.json").read_text()) if docs.returncode == 0 else None
    unit = _dbt(settings, target, "test", "--select", "test_type:unit")
    results = json.loads((target / "run_results.json").read_text())["results"] if unit.returncode == 0 else None
    return {"target": target, "docs": docs, "catalog": catalog, "manifest": manifest,
            "unit": unit, "unit_results": results}


def test_dbt_unit_tests_pass(dbt_runs):
    """The pipeline's `dbt build` leaves unit tests out (they test logic, not data, as dbt
    recommends for production runs); they all run here."""
    assert dbt_runs["unit"].returncode == 0, dbt_runs["unit"].stdout[-3000:]
    names = {r["unique_id"].rsplit(".", 1)[-1] for r in dbt_runs["unit_results"] if r["status"] == "pass"}
    assert {"claims_link_across_articles_by_claimant_and_fuzzy_content",
            "claim_links_need_more_than_shared_words",
            "claim_clusters_follow_chains_of_links",
            "wire_copies_and_relays_share_one_source_key",
            "an_article_relaying_the_wire_counts_as_the_wire_for_its_copy",
            "corroboration_counts_wire_copies_once",
            "figures_disputed_between_claimants_with_spread",
            "place_activity_counts_claims_naming_a_place_per_day",
            "transliterated_full_names_link_but_namesakes_do_not",
            "figures_link_to_the_innermost_containing_claim",
            "current_articles_are_the_latest_versions"} <= names


def test_dbt_docs_describe_every_mart_column(dbt_runs):
    """What `make docs` builds: the catalog of the real warehouse, every mart column described."""
    assert dbt_runs["docs"].returncode == 0, dbt_runs["docs"].stdout[-3000:]
    assert (dbt_runs["target"] / "index.html").exists()
    manifest, catalog = dbt_runs["manifest"], dbt_runs["catalog"]
    marts = {uid: node for uid, node in manifest["nodes"].items()
             if node["resource_type"] == "model" and node["schema"] == "marts"}
    assert {node["name"] for node in marts.values()} >= set(ANALYTICS_MARTS)
    missing = []
    for uid, node in marts.items():
        assert node["description"].strip(), f"{node['name']} has no description"
        described = {name for name, column in node["columns"].items() if column["description"].strip()}
        for column in catalog["nodes"][uid]["columns"]:
            if column.lower() not in described:
                missing.append(f"{node['name']}.{column}")
    assert missing == []


def test_mart_tables_enforce_their_contract_in_the_published_file(dbt_runs, built_warehouse, tmp_path):
    """Mart tables are built under an enforced dbt contract: every column typed, and the columns
    declared not null carry a NOT NULL constraint in the file analysts open (Metabase shows it),
    so a null there fails the build instead of reaching a dashboard."""
    import shutil

    import duckdb

    settings, _ = built_warehouse
    manifest = dbt_runs["manifest"]
    declared = set()
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model" or node["schema"] != "marts" or node["config"]["materialized"] == "view":
            continue
        assert node["config"]["contract"]["enforced"], f"{node['name']} has no enforced contract"
        for name, column in node["columns"].items():
            assert column["data_type"], f"{node['name']}.{name} has no data_type"
            if any(c["type"] == "not_null" for c in column["constraints"]):
                declared.add((node["alias"], name))
    assert len(declared) > 100
    copy = tmp_path / "published.duckdb"
    shutil.copyfile(settings.published_db, copy)
    con = duckdb.connect(str(copy))
    enforced = set(con.execute("""
        select table_name, unnest(constraint_column_names) from duckdb_constraints()
        where schema_name = 'marts' and constraint_type = 'NOT NULL'
    """).fetchall())
    assert declared <= enforced, sorted(declared - enforced)[:5]
    with pytest.raises(duckdb.ConstraintException, match="NOT NULL"):
        con.execute("update marts.claims set claim_text = null where claim_id = (select min(claim_id) from marts.claims)")
    con.close()
