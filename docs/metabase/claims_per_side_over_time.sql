-- Metabase native question: Claims per side over time
-- Visualization: Line chart, x = statement_date, y = claim_count, series = side
-- Variables: since (Date, optional)
select
    statement_date,
    side,
    claim_count,
    hedged_share,
    corroborated_count
from marts.side_statements
where statement_date is not null
    [[and statement_date >= {{since}}]]
order by statement_date, side
