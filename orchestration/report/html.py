"""One self-contained HTML file: inline CSS, charts as inline SVG, no request to anywhere."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from html import escape
from pathlib import Path

from orchestration.report import charts
from orchestration.report.data import ReportData, load_report_data

CHART_IDS = ("map", "claims-per-side", "top-actors", "figure-disputes")

STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 0 auto; max-width: 1100px;
       padding: 1.5rem; color: #1a202c; background: #fff; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #e2e8f0; }
.meta { color: #4a5568; font-size: .85rem; }
.totals { display: flex; flex-wrap: wrap; gap: .8rem; margin: 1rem 0; padding: 0; list-style: none; }
.totals li { background: #f7fafc; border: 1px solid #e2e8f0; border-radius: 6px; padding: .5rem .9rem; }
.totals b { display: block; font-size: 1.3rem; }
figure.chart { margin: 0; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { color: #4a5568; font-size: .85rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin-top: .6rem; }
th, td { border-bottom: 1px solid #e2e8f0; padding: .3rem .4rem; text-align: left; vertical-align: top; }
th { background: #f7fafc; }
td.num { text-align: right; }
"""

# Marks every chart the browser actually laid out and drew (a non-empty box with marks in it),
# so a headless browser's DOM dump tells whether each chart rendered.
RENDER_CHECK = """
(function () {
  var rendered = 0;
  document.querySelectorAll('figure.chart').forEach(function (figure) {
    var svg = figure.querySelector('svg');
    var ok = false;
    if (svg) {
      var box = svg.getBoundingClientRect();
      var marks = svg.querySelectorAll('path, use, text, rect, circle, line').length;
      ok = box.width > 0 && box.height > 0 && marks > 0;
    }
    figure.setAttribute('data-rendered', ok ? 'yes' : 'no');
    if (ok) { rendered += 1; }
  });
  document.body.setAttribute('data-charts-rendered', String(rendered));
})();
"""


@dataclass(frozen=True)
class ReportResult:
    path: Path
    size_bytes: int
    charts: tuple[str, ...]


def _figure(chart_id: str, title: str, svg: str, caption: str) -> str:
    return (f'<section><h2>{escape(title)}</h2>\n<figure class="chart" id="chart-{chart_id}" '
            f'data-chart="{chart_id}">\n{svg}\n<figcaption>{escape(caption)}</figcaption>\n</figure></section>')


def _table(headers: list[str], rows: list[list[object]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{escape(_fmt(v))}</td>' if i in numeric else f"<td>{escape(_fmt(v))}</td>"
                         for i, v in enumerate(row)) + "</tr>"
        for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _fmt(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.3g}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def render_html(data: ReportData) -> str:
    totals = "".join(f"<li><b>{count:,}</b>{escape(table)}</li>" for table, count in data.totals.items())
    totals += (f"<li><b>{data.corroborated_claims:,}</b>claims with 2+ independent sources</li>"
               f"<li><b>{data.single_source_claims:,}</b>claims with one source</li>")
    run = (f"last run {escape(str(data.last_run[0]))}: {escape(str(data.last_run[3]))}, "
           f"finished {escape(str(data.last_run[2]))}") if data.last_run else "no run recorded"
    sections = [
        _figure("map", "Where: places mentioned", charts.map_svg(data.places),
                ("Equirectangular latitude/longitude plots of geocoded places; circle area grows with mentions. "
                 "Left: the region where most mentions are; right, when some places lie outside it: every place.")),
        _figure("claims-per-side", "Claims per side over time", charts.side_timeline_svg(data.side_days),
                "Claims by the side of their speaker, per day (per week over long spans) of publication; "
                "unidentified speakers count as unknown."),
        _figure("top-actors", "Top actors", charts.top_actors_svg(data.actors),
                "Actors with the most claims, coloured by side."),
        _table(["actor", "side", "type", "claims", "distinct claims", "hedged", "corroborated"],
               [[a.actor_name, a.side, a.actor_type, a.claims, a.distinct_claims, a.hedged, a.corroborated]
                for a in data.actors], numeric={3, 4, 5, 6}),
        _figure("figure-disputes", "Figures in dispute", charts.disputes_svg(data.disputes),
                "The same thing counted differently by different claimants (marts.figure_disputes)."),
        _table(["what is counted", "unit", "place", "lowest", "highest", "ratio", "contradictory", "who said what"],
               [[d.counts, d.unit, d.place_name, d.min_value, d.max_value, d.spread_ratio,
                 d.is_contradictory, d.assertions] for d in data.disputes], numeric={3, 4, 5}),
    ]
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>claimhouse report</title>
<style>{STYLE}</style>
</head>
<body>
<h1>claimhouse: what the warehouse holds</h1>
<p class="meta">Warehouse {escape(str(data.warehouse))}; report generated {escape(str(data.generated_at))}; {run}.</p>
<ul class="totals">{totals}</ul>
{chr(10).join(sections)}
<script>{RENDER_CHECK}</script>
</body>
</html>
"""


def write_report(db_path: Path, output: Path) -> ReportResult:
    """Read the published warehouse and write the report, atomically, to ``output``."""
    html = render_html(load_report_data(db_path))
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=output.parent, prefix=".report-", suffix=".html")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(html)
    os.replace(temporary, output)
    return ReportResult(path=output, size_bytes=output.stat().st_size, charts=CHART_IDS)
