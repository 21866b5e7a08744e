-- Metabase native question: Claims about a place
-- Visualization: Table
-- Variables: place (Text, optional, e.g. Kursk), side (Text, optional, e.g. ukraine)
select
    p.place_name,
    coalesce(a.actor_name, '(unidentified)') as claimant,
    coalesce(a.side, 'unknown') as side,
    c.stance,
    c.is_hedged,
    c.claim_text,
    art.published_at,
    art.source_name
from marts.claims as c
join marts.place_mentions as pm
    on pm.article_id = c.article_id
    and pm.char_start >= c.char_start
    and pm.char_end <= c.char_end
join marts.places as p on p.place_id = pm.place_id
join marts.articles as art on art.article_id = c.article_id
left join marts.actors as a on a.actor_id = c.claimant_actor_id
where true
    [[and p.place_name ilike '%' || {{place}} || '%']]
    [[and coalesce(a.side, 'unknown') = {{side}}]]
group by all
order by art.published_at desc nulls last, claimant
