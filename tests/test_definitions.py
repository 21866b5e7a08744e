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


def test_the_job_runs_daily_and_on_new_files_with_blocking_checks():
    from dagster import DefaultScheduleStatus, DefaultSensorStatus, RunStatusSensorDefinition

    from orchestration.definitions import defs

    job = defs.resolve_job_def("build_warehouse")
    assert job.tags["claimhouse/writer"] == "warehouse", "the run queue limits writers by this tag"
    schedule = defs.resolve_schedule_def("daily_build")
    assert (schedule.job_name, schedule.cron_schedule) == ("build_warehouse", "0 6 * * *")
    assert schedule.default_status == DefaultScheduleStatus.RUNNING
    raw_sensor = defs.resolve_sensor_def("raw_folder_sensor")
    assert raw_sensor.job_name == "build_warehouse"
    assert raw_sensor.default_status == DefaultSensorStatus.RUNNING
    assert isinstance(defs.resolve_sensor_def("record_failed_build"), RunStatusSensorDefinition)

    graph = defs.resolve_asset_graph()
    gx_checks = {key.name: graph.get_check_spec(key) for key in graph.asset_check_keys
                 if key.name.startswith("gx_")}
    assert {"gx_articles", "gx_claims", "gx_figures", "gx_places", "gx_actors"} <= set(gx_checks)
    assert all(spec.blocking for spec in gx_checks.values())
    assert all(spec.asset_key.path[0] == "marts" for spec in gx_checks.values())
