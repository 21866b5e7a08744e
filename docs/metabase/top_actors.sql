-- Metabase native question: Top actors
-- Visualization: Row chart, x = actor_name, y = claims
-- Variables: side (Text, optional, e.g. russia)
select
    actor_name,
    side,
    actor_type,
    sum(claim_count) as claims,
    sum(distinct_claim_count) as distinct_claims,
    round(sum(hedged_count) / sum(claim_count), 3) as hedged_share,
    sum(corroborated_count) as corroborated_claims
from marts.actor_statements
where true
    [[and side = {{side}}]]
group by actor_id, actor_name, side, actor_type
order by claims desc
limit 25
