"""The `make eval` report: targets, gaps and failed parts, on synthetic scores."""
from __future__ import annotations

from orchestration.evaluation import report


def test_every_target_names_a_metric_the_scorers_produce():
    produced = {
        "newsquant": {"value", "value_unit", "value_change"},
        "geowebnews": {"recognition", "resolution"},
        "polnear": {"attribution", "source_accuracy"},
        "sample gold": {"figures", "places", "actors", "claims"},
    }
    for part, metric, _, direction in report.TARGETS:
        assert metric.split(".")[0] in produced[part], (part, metric)
        assert direction in ("min", "max")


def test_check_targets_reports_gaps_both_ways_and_missing_values():
    scores = {"newsquant": {"value": {"f1": 0.90}, "value_unit": {"f1": 0.95}},
              "sample gold": {"actors": {"over_merged_ids": 2}}}
    rows = {(r["part"], r["metric"]): r for r in report.check_targets(scores)}
    assert rows[("newsquant", "value.f1")]["met"] is False
    assert rows[("newsquant", "value.f1")]["gap"] == 0.02
    assert rows[("newsquant", "value_unit.f1")]["met"] is True
    assert rows[("newsquant", "value_change.f1")]["value"] is None
    assert rows[("newsquant", "value_change.f1")]["met"] is False
    assert rows[("sample gold", "actors.over_merged_ids")]["gap"] == 2
    assert ("polnear", "attribution.f1") not in rows  # a part that was not run has no rows


def test_a_failing_part_is_recorded_and_rendered():
    def broken():
        raise ValueError("no such file")

    result = report.guarded("geowebnews", broken)
    assert result["error"] == "ValueError: no such file"
    scores = {"generated_at": "now", "extractor_version": "v", "geowebnews": result,
              "sample gold": report.score_sample_gold(report.PROJECT_ROOT / "no" / "such.duckdb")}
    scores["targets"] = report.check_targets(scores)
    markdown = report.render_markdown(scores)
    assert "geowebnews: ValueError: no such file" in markdown
    assert "run `make run` first" in markdown
