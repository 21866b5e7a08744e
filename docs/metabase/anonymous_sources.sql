-- Metabase native question: Most-cited anonymous sources
-- Visualization: Table
-- Variables: none
select
    lower(a.actor_name) as anonymous_source,
    a.side,
    count(c.claim_id) as claims,
    count(distinct c.article_id) as articles
from marts.actors as a
join marts.claims as c on c.claimant_actor_id = a.actor_id
where a.is_anonymous
group by lower(a.actor_name), a.side
order by claims desc
