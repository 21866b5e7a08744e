-- Metabase native question: Figures in dispute
-- Visualization: Table (or Bar chart of spread_ratio by counts)
-- Variables: unit (Text, optional, e.g. count or km2)
select
    counts,
    unit,
    place_name,
    period_start,
    min_value,
    max_value,
    spread,
    spread_ratio,
    is_cross_side,
    is_contradictory,
    assertions
from marts.figure_disputes
where true
    [[and unit = {{unit}}]]
order by is_contradictory desc, spread_ratio desc nulls last
