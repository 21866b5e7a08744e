"""The visual report: one self-contained HTML file whose four charts render in a real browser."""
from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from orchestration.report import write_report
from orchestration.report.html import CHART_IDS

pytestmark = pytest.mark.slow

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                  "--no-first-run", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync")


class ReportStructure(HTMLParser):
    """Charts (figure.chart with an svg inside), scripts and every attribute that loads a resource."""

    def __init__(self) -> None:
        super().__init__()
        self.charts: dict[str, dict[str, object]] = {}
        self.resources: list[str] = []
        self.tables = 0
        self._open_chart: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("src", "href", "xlink:href", "data"):
            value = attributes.get(name)
            if value and not value.startswith("#"):
                self.resources.append(f"{tag} {name}={value}")
        if tag == "figure" and "chart" in (attributes.get("class") or "").split():
            self._open_chart = attributes.get("data-chart")
            self.charts[self._open_chart] = {"svg": 0, "marks": 0, "rendered": attributes.get("data-rendered")}
        elif self._open_chart and tag == "svg":
            self.charts[self._open_chart]["svg"] += 1
        elif self._open_chart and tag in ("path", "use", "text", "rect", "circle", "line"):
            self.charts[self._open_chart]["marks"] += 1
        elif tag == "table":
            self.tables += 1

    def handle_endtag(self, tag):
        if tag == "figure":
            self._open_chart = None


def parse(html: str) -> ReportStructure:
    structure = ReportStructure()
    structure.feed(html)
    return structure


@pytest.fixture(scope="module")
def report(built_warehouse, tmp_path_factory) -> Path:
    settings, _ = built_warehouse
    return write_report(settings.published_db, tmp_path_factory.mktemp("report") / "report.html").path


def test_report_is_one_self_contained_file_with_every_chart(report):
    html = report.read_text(encoding="utf-8")
    structure = parse(html)
    assert set(structure.charts) == set(CHART_IDS)
    for chart, found in structure.charts.items():
        assert found["svg"] == 1, f"{chart} has no inline svg"
        assert found["marks"] > 5, f"{chart} draws nothing"
    assert structure.resources == [], "the report must not load anything"
    assert not re.search(r"@import|url\(\s*['\"]?https?:", html)
    assert structure.tables >= 2


def test_report_shows_the_places_the_samples_mention(report):
    html = report.read_text(encoding="utf-8")
    assert "Kursk" in html


@pytest.mark.skipif(shutil.which("chromium") is None,
                    reason="Debian's chromium is not installed (make test installs it when it can, as root); "
                           "the HTML structure is still checked above")
def test_every_chart_renders_in_headless_chromium(report, tmp_path):
    done = subprocess.run(
        ["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
         report.resolve().as_uri()],
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    rendered = parse(done.stdout)
    assert {chart: found["rendered"] for chart, found in rendered.charts.items()} == \
        {chart: "yes" for chart in CHART_IDS}
    assert f'data-charts-rendered="{len(CHART_IDS)}"' in done.stdout
