"""The reason codes and run statuses the code writes are the ones dbt accepts and the README explains."""
from __future__ import annotations

import re

import yaml

from orchestration.ingest.records import REASON_CODES
from orchestration.settings import PROJECT_ROOT
from orchestration.warehouse.runs import RUN_STATUSES

MARTS_YAML = PROJECT_ROOT / "dbt_project" / "models" / "marts" / "_marts__models.yml"


def accepted_values(model: str, column: str) -> list[str]:
    models = {m["name"]: m for m in yaml.safe_load(MARTS_YAML.read_text())["models"]}
    [spec] = [c for c in models[model]["columns"] if c["name"] == column]
    [test] = [t["accepted_values"] for t in spec["data_tests"] if isinstance(t, dict) and "accepted_values" in t]
    return test["arguments"]["values"]


def test_reason_codes_match_the_dbt_test_and_the_readme():
    assert sorted(accepted_values("rejected_inputs", "reason_code")) == sorted(REASON_CODES)
    readme = (PROJECT_ROOT / "README.md").read_text()
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", readme, flags=re.MULTILINE))
    assert set(REASON_CODES) <= documented


def test_run_statuses_match_the_dbt_test():
    assert sorted(accepted_values("pipeline_runs", "run_status")) == sorted(RUN_STATUSES)
