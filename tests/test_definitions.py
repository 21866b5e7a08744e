"""The Dagster definitions load, and hold what the UI must show."""
from __future__ import annotations

from dagster import AssetKey


def test_definitions_load_with_assets_checks_schedule_and_sensor():
    from orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    for expected in ("raw/articles", "extraction/claim_candidates", "reference/gazetteer",
                     "staging/stg_raw__articles", "intermediate/int_actor_clusters",
                     "marts/claims", "marts/figures", "published_warehouse"):
        assert expected in keys
    check_keys = {f"{k.asset_key.to_user_string()}:{k.name}" for k in graph.asset_check_keys}
    assert "marts/claims:gx_claims" in check_keys
    assert any(name.startswith("marts/claims:") and "unique" in name for name in check_keys), \
        "dbt tests should appear as asset checks"
    assert defs.resolve_job_def("build_warehouse") is not None
    assert defs.resolve_schedule_def("daily_build").cron_schedule == "0 6 * * *"
    assert defs.resolve_sensor_def("raw_folder_sensor") is not None


def test_publish_waits_for_every_mart():
    from orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    parents = graph.get(AssetKey(["published_warehouse"])).parent_keys
    assert {AssetKey(["marts", "claims"]), AssetKey(["marts", "figures"]),
            AssetKey(["marts", "actors"]), AssetKey(["marts", "places"])} <= set(parents)


def test_gx_checks_block_what_depends_on_them():
    from orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    gx_specs = [spec for spec in graph.get_check_specs() if spec.name.startswith("gx_")] \
        if hasattr(graph, "get_check_specs") else []
    checks = defs.resolve_all_asset_check_specs() if hasattr(defs, "resolve_all_asset_check_specs") else gx_specs
    blocking = {spec.name for spec in checks if spec.name.startswith("gx_") and spec.blocking}
    assert {"gx_claims", "gx_figures", "gx_places", "gx_actors", "gx_articles"} <= blocking
