"""What the visual report shows, read from the published warehouse (read-only)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

TOP_ACTORS = 15
TOP_DISPUTES = 12
MAP_PLACES = 60


@dataclass(frozen=True)
class PlacePoint:
    place_name: str
    place_type: str
    country_code: str | None
    latitude: float
    longitude: float
    mentions: int
    claims: int


@dataclass(frozen=True)
class SideDay:
    statement_date: date | None
    side: str
    claim_count: int


@dataclass(frozen=True)
class ActorRow:
    actor_name: str
    side: str
    actor_type: str
    claims: int
    distinct_claims: int
    hedged: int
    corroborated: int


@dataclass(frozen=True)
class DisputeRow:
    counts: str
    unit: str
    place_name: str | None
    min_value: float
    max_value: float
    spread_ratio: float | None
    is_contradictory: bool
    is_cross_side: bool
    assertions: str
    values: tuple[tuple[float, str, str], ...]  # (value, claimant, side) per assertion


@dataclass(frozen=True)
class ReportData:
    warehouse: Path
    generated_at: datetime
    totals: dict[str, int]
    last_run: tuple | None
    places: list[PlacePoint]
    side_days: list[SideDay]
    actors: list[ActorRow]
    disputes: list[DisputeRow]
    corroborated_claims: int
    single_source_claims: int


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


def load_report_data(db_path: Path) -> ReportData:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        totals = {table: _rows(con, f"select count(*) from marts.{table}")[0][0]
                  for table in ("articles", "claims", "actors", "places", "figures")}
        last_run = next(iter(_rows(con, """
            select run_id, started_at, finished_at, run_status
            from marts.pipeline_runs order by started_at desc limit 1
        """)), None)
        places = [PlacePoint(*row) for row in _rows(con, """
            select place_name, place_type, country_code, latitude, longitude,
                   sum(mention_count)::integer as mentions, sum(claim_count)::integer as claims
            from marts.place_activity
            where latitude is not null and longitude is not null
            group by all
            order by mentions desc, place_name
            limit ?
        """, [MAP_PLACES])]
        side_days = [SideDay(*row) for row in _rows(con, """
            select statement_date, side, claim_count
            from marts.side_statements
            order by statement_date nulls last, side
        """)]
        actors = [ActorRow(*row) for row in _rows(con, """
            select actor_name, side, actor_type, sum(claim_count)::integer,
                   sum(distinct_claim_count)::integer, sum(hedged_count)::integer,
                   sum(corroborated_count)::integer
            from marts.actor_statements
            group by actor_id, actor_name, side, actor_type
            order by 4 desc, actor_name
            limit ?
        """, [TOP_ACTORS])]
        disputes = []
        for row in _rows(con, """
            select d.counts, d.unit, d.place_name, d.min_value, d.max_value, d.spread_ratio,
                   d.is_contradictory, d.is_cross_side, d.assertions,
                   list(struct_pack(value := f.value,
                                    claimant := coalesce(a.actor_name, art.outlet, art.source_name),
                                    side := coalesce(a.side, 'unknown')) order by f.value)
            from marts.figure_disputes as d
            cross join unnest(d.figure_ids) as ids(figure_id)
            join marts.figures as f on f.figure_id = ids.figure_id
            join marts.articles as art on art.article_id = f.article_id
            left join marts.claims as c on c.claim_id = f.claim_id
            left join marts.actors as a on a.actor_id = c.claimant_actor_id
            group by all
            order by d.is_contradictory desc, d.spread_ratio desc nulls last, d.counts
            limit ?
        """, [TOP_DISPUTES]):
            *head, values = row
            disputes.append(DisputeRow(*head, values=tuple(
                (v["value"], v["claimant"], v["side"]) for v in values)))
        corroborated, single = _rows(con, """
            select count(*) filter (where is_corroborated), count(*) filter (where not is_corroborated)
            from marts.claim_corroboration
        """)[0]
    finally:
        con.close()
    return ReportData(
        warehouse=db_path, generated_at=datetime.now().replace(microsecond=0), totals=totals,
        last_run=last_run, places=places, side_days=side_days, actors=actors, disputes=disputes,
        corroborated_claims=corroborated or 0, single_source_claims=single or 0)

