"""The report's charts, drawn with matplotlib as inline SVG (no script, no network to view them)."""
from __future__ import annotations

import io
import math
from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from orchestration.report.data import ActorRow, DisputeRow, PlacePoint, SideDay  # noqa: E402

SIDE_COLOURS = {
    "ukraine": "#2b6cb0",
    "russia": "#c53030",
    "us": "#6b46c1",
    "international": "#2f855a",
    "other": "#b7791f",
    "unknown": "#718096",
}
SIDE_ORDER = tuple(SIDE_COLOURS)
MAP_LABELS = 14

plt.rcParams.update({
    "svg.fonttype": "none",  # text stays text: smaller, selectable, searchable
    "svg.hashsalt": "claimhouse",  # stable element ids, so the same data gives the same file
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
})


def side_colour(side: str) -> str:
    return SIDE_COLOURS.get(side, SIDE_COLOURS["unknown"])


def to_svg(figure: Figure) -> str:
    """The figure as an inline ``<svg>`` element (the page's CSS scales it down to fit)."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg"):]


def _empty(message: str, size: tuple[float, float] = (7, 2)) -> str:
    figure, axes = plt.subplots(figsize=size)
    axes.axis("off")
    axes.text(0.5, 0.5, message, ha="center", va="center", color="#4a5568", fontsize=11)
    return to_svg(figure)


def _weighted_median(values: Sequence[float], weights: Sequence[float]) -> float:
    pairs = sorted(zip(values, weights))
    half, running = sum(weights) / 2, 0.0
    for value, weight in pairs:
        running += weight
        if running >= half:
            return value
    return pairs[-1][0]


def _focus(places: Sequence[PlacePoint], radius: float = 12.0) -> list[PlacePoint]:
    """The places around where most mentions are: within ``radius`` degrees of the mention-weighted
    median of the places below country level (a country's centroid says little about where)."""
    local = [p for p in places if p.place_type != "country"] or list(places)
    weights = [max(p.mentions, 1) for p in local]
    lat = _weighted_median([p.latitude for p in local], weights)
    lon = _weighted_median([p.longitude for p in local], weights)
    stretch = 1 / max(math.cos(math.radians(lat)), 0.2)
    return [p for p in places if abs(p.latitude - lat) <= radius and abs(p.longitude - lon) <= radius * stretch]


def _extent(places: Sequence[PlacePoint], pad: float, min_span: float) -> tuple[float, float, float, float, float]:
    """south, north, west, east and the longitude stretch of an equirectangular view of ``places``."""
    lats = [p.latitude for p in places]
    lons = [p.longitude for p in places]
    south, north = max(min(lats) - pad, -90), min(max(lats) + pad, 90)
    if north - south < min_span:
        middle = (north + south) / 2
        south, north = max(middle - min_span / 2, -90), min(middle + min_span / 2, 90)
    stretch = 1 / max(math.cos(math.radians((south + north) / 2)), 0.2)
    west, east = max(min(lons) - pad * stretch, -180), min(max(lons) + pad * stretch, 180)
    wanted = 1.3 * (north - south) * stretch  # a landscape view
    if east - west < wanted:
        middle = (east + west) / 2
        west, east = max(middle - wanted / 2, -180), min(middle + wanted / 2, 180)
    return south, north, west, east, stretch


def _draw_places(axes, places: Sequence[PlacePoint], extent, biggest: int, marker_scale: float) -> None:
    south, north, west, east, stretch = extent
    axes.set_facecolor("#eef4f8")
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.set_aspect(stretch)  # equirectangular, true scale at the middle latitude
    span = max(north - south, east - west)
    step = next(s for s in (1, 2, 5, 10, 15, 30, 60) if span / s <= 12)
    for lon in range(int(west // step * step), int(east) + 1, step):
        axes.axvline(lon, color="#cbd5e0", linewidth=0.6, zorder=1)
    for lat in range(int(south // step * step), int(north) + 1, step):
        axes.axhline(lat, color="#cbd5e0", linewidth=0.6, zorder=1)
    axes.scatter([p.longitude for p in places], [p.latitude for p in places],
                 s=[marker_scale * (0.05 + 0.95 * p.mentions / biggest) for p in places],
                 c=["#c05621" if p.claims else "#dd6b20" for p in places],
                 alpha=0.55, edgecolors="#7b341e", linewidths=0.8, zorder=3)


def _label_without_overlap(figure: Figure, axes, places: Sequence[PlacePoint], limit: int) -> None:
    """Label the most mentioned places first, dropping a label that would cover one already placed."""
    renderer = figure.canvas.get_renderer()
    placed = []
    south, north = axes.get_ylim()
    west, east = axes.get_xlim()
    for place in places:
        if len(placed) >= limit:
            break
        if not (south <= place.latitude <= north and west <= place.longitude <= east):
            continue
        label = axes.annotate(f"{place.place_name} ({place.mentions})", (place.longitude, place.latitude),
                              xytext=(5, 5), textcoords="offset points", fontsize=8, color="#1a202c", zorder=4)
        box = label.get_window_extent(renderer).expanded(1.05, 1.15)
        if any(box.overlaps(other) for other in placed):
            label.remove()
        else:
            placed.append(box)


def map_svg(places: Sequence[PlacePoint]) -> str:
    """Places on equirectangular lat/lon views with a graticule, circles sized by mentions: the
    region where most mentions are, labelled, and beside it every place, when some lie outside."""
    if not places:
        return _empty("No geocoded places in the warehouse yet.")
    focus = _focus(places)
    biggest = max(p.mentions for p in places) or 1
    outside = len(places) - len(focus)
    if outside:
        figure, (axes, overview) = plt.subplots(1, 2, figsize=(10, 5.2), gridspec_kw={"width_ratios": [2.2, 1]})
    else:
        figure, axes = plt.subplots(figsize=(8, 5.2))
    _draw_places(axes, places, _extent(focus, pad=1.0, min_span=6.0), biggest, marker_scale=900)
    axes.set_xlabel("longitude (°E)")
    axes.set_ylabel("latitude (°N)")
    axes.set_title("Where most mentions are (labels: mentions)", loc="left")
    if outside:
        _draw_places(overview, places, _extent(places, pad=4.0, min_span=16.0), biggest, marker_scale=300)
        overview.set_title(f"Every place ({outside} outside the left view)", loc="left")
        overview.tick_params(labelsize=7)
    figure.tight_layout()
    _label_without_overlap(figure, axes, places, MAP_LABELS)
    if outside:
        _label_without_overlap(figure, overview, [p for p in places if p not in focus], 4)
    return to_svg(figure)


def side_timeline_svg(days: Sequence[SideDay]) -> str:
    """Claims per side per publication day; claims in undated articles in a bar of their own."""
    if not days:
        return _empty("No claims in the warehouse yet.")
    dated = [d for d in days if d.statement_date is not None]
    undated: dict[str, int] = defaultdict(int)
    for day in days:
        if day.statement_date is None:
            undated[day.side] += day.claim_count
    sides = [s for s in SIDE_ORDER if any(d.side == s for d in days)]
    figure, axes = plt.subplots(figsize=(8, 3.6))
    if dated:
        first, last = min(d.statement_date for d in dated), max(d.statement_date for d in dated)
        weekly = (last - first).days > 120
        period = (lambda day: day - timedelta(days=day.weekday())) if weekly else (lambda day: day)
        series: dict[str, dict] = defaultdict(lambda: defaultdict(int))
        for day in dated:
            series[day.side][period(day.statement_date)] += day.claim_count
        # Every period between the first and the last, so a period without claims shows as 0.
        periods, current = [], period(first)
        while current <= last:
            periods.append(current)
            current += timedelta(days=7 if weekly else 1)
        for side in sides:
            if side in series:
                axes.plot(periods, [series[side].get(p, 0) for p in periods], linewidth=1.4,
                          color=side_colour(side), label=side)
        figure.autofmt_xdate()
        title = f"Claims per side per {'week' if weekly else 'day'} of publication"
        if undated:
            title += f" ({sum(undated.values())} more in undated articles)"
        axes.set_title(title, loc="left")
    else:
        positions = range(len(sides))
        axes.bar(positions, [undated[s] for s in sides], color=[side_colour(s) for s in sides])
        axes.set_xticks(list(positions), sides)
        axes.set_title("Claims per side (all articles undated)", loc="left")
    axes.set_ylabel("claims")
    if dated:
        axes.legend(frameon=False, ncol=len(sides))
    return to_svg(figure)


def top_actors_svg(actors: Sequence[ActorRow]) -> str:
    """The actors making the most claims, coloured by side."""
    if not actors:
        return _empty("No attributed claims in the warehouse yet.")
    ordered = list(reversed(actors))
    figure, axes = plt.subplots(figsize=(8, 0.35 * len(ordered) + 1.2))
    axes.barh([a.actor_name for a in ordered], [a.claims for a in ordered],
              color=[side_colour(a.side) for a in ordered])
    for index, actor in enumerate(ordered):
        axes.text(actor.claims, index, f"  {actor.claims}", va="center", fontsize=8)
    handles = [plt.Rectangle((0, 0), 1, 1, color=side_colour(s)) for s in SIDE_ORDER
               if any(a.side == s for a in actors)]
    axes.legend(handles, [s for s in SIDE_ORDER if any(a.side == s for a in actors)],
                frameon=False, loc="lower right")
    axes.set_xlabel("claims")
    axes.set_title("Top actors by claims made", loc="left")
    return to_svg(figure)


def disputes_svg(disputes: Sequence[DisputeRow]) -> str:
    """Each disputed figure as a line from its lowest to its highest value, a dot per assertion."""
    if not disputes:
        return _empty("No figures in dispute: no two claimants give different values for the same thing.")
    ordered = list(reversed(disputes))
    figure, axes = plt.subplots(figsize=(8, 0.45 * len(ordered) + 1.3))
    positive = all(value > 0 for d in disputes for value, _, _ in d.values)
    for index, dispute in enumerate(ordered):
        axes.plot([dispute.min_value, dispute.max_value], [index, index], color="#a0aec0", linewidth=2, zorder=1)
        for value, _claimant, side in dispute.values:
            axes.scatter([value], [index], s=36, color=side_colour(side), zorder=2)
    labels = [f"{d.counts} ({d.unit}{', ' + d.place_name if d.place_name else ''})" for d in ordered]
    axes.set_yticks(range(len(ordered)), labels)
    if positive:
        axes.set_xscale("log")
    axes.set_xlabel("value asserted" + (" (log scale)" if positive else ""))
    sides = [s for s in SIDE_ORDER if any(side == s for d in disputes for _, _, side in d.values)]
    axes.legend([plt.Line2D([], [], marker="o", linestyle="", color=side_colour(s)) for s in sides], sides,
                frameon=False, loc="lower right")
    axes.set_title("Figures in dispute: each dot is one claimant's value", loc="left")
    return to_svg(figure)
