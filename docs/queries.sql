-- Worked analyst questions against the published warehouse (data/claimhouse.duckdb).
--
-- Every query runs as written: in the DuckDB CLI (`duckdb -readonly data/claimhouse.duckdb`),
-- with `claimhouse query "..."`, through SQLAlchemy (duckdb-engine) or over `make serve`.
-- Edit the literals ('Kursk', 'Dmytrashkivsky', ...) to ask about something else.
-- Each question starts with a `-- name:` line; tests/test_bi_connections.py runs them all.


-- name: who_claimed_what_about_a_place
-- Who claimed what about a place: every claim whose content names the place, with the speaker,
-- their side, how the reporter presents it, and the article. marts.claim_places holds one row
-- per claim and place it names, stored by place, so this stays fast on a large warehouse.
select
    p.place_name,
    coalesce(a.actor_name, '(unidentified)') as claimant,
    coalesce(a.side, 'unknown') as side,
    c.stance,
    cp.is_hedged,
    cp.claim_text,
    art.source_name
from marts.claim_places as cp
join marts.places as p on p.place_id = cp.place_id
join marts.claims as c on c.claim_id = cp.claim_id
join marts.articles as art on art.article_id = cp.article_id
left join marts.actors as a on a.actor_id = cp.claimant_actor_id
where p.place_name ilike '%Kursk%'
order by side, claimant, cp.claim_id;


-- name: figures_in_dispute
-- Figures in dispute: the same thing counted differently by different claimants, widest
-- spread first, contradictions (values that cannot both hold) first.
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
order by is_contradictory desc, spread_ratio desc nulls last;


-- name: claims_only_one_side_makes
-- Claims only one side makes: places that the claimants of only one side (among those whose
-- side is known) make claims about, with how many claims that side makes there.
with place_sides as (
    select
        place_id,
        place_name,
        list_filter(list_distinct(flatten(list(claiming_sides))), lambda s: s <> 'unknown') as sides,
        sum(claim_count) as claims,
        sum(article_count) as articles
    from marts.place_activity
    where claim_count > 0
    group by place_id, place_name
)
select place_name, sides[1] as only_side, claims, articles
from place_sides
where len(sides) = 1
order by claims desc;


-- name: uncorroborated_claims_by_side
-- Which claims rest on a single source: per side, the share of distinct claims carried by only
-- one independent source (wire copies count once).
select
    claimant_side,
    count(*) as distinct_claims,
    count(*) filter (where not is_corroborated) as single_source_claims,
    round(100.0 * count(*) filter (where not is_corroborated) / count(*), 1) as single_source_pct
from marts.claim_corroboration
group by claimant_side
order by distinct_claims desc;


-- name: most_cited_anonymous_sources
-- Most-cited anonymous sources: unnamed officials and sources, grouped by how they are
-- described, with how many claims and articles cite them.
select
    lower(a.actor_name) as anonymous_source,
    a.side,
    count(c.claim_id) as claims,
    count(distinct c.article_id) as articles,
    any_value(c.claim_text) as example_claim
from marts.actors as a
join marts.claims as c on c.claimant_actor_id = a.actor_id
where a.is_anonymous
group by lower(a.actor_name), a.side
order by claims desc, articles desc;


-- name: same_claim_across_articles
-- The same claim reported by several articles, and how many independent sources that really is.
select
    claimant_name,
    claim_text,
    article_count,
    outlet_count,
    independent_source_count,
    relay_names,
    stances
from marts.claim_corroboration
where article_count >= 2
order by article_count desc, independent_source_count desc;


-- name: wire_copies
-- Wire copies: claims that reached several articles through one wire agency or relay.
select
    m.source_key,
    count(distinct m.cluster_id) as claims,
    count(distinct m.article_id) as articles
from marts.claim_cluster_members as m
join marts.claim_corroboration as cc using (cluster_id)
where cc.article_count > cc.independent_source_count
group by m.source_key
order by articles desc;


-- name: actor_statements_over_time
-- One actor's statements over time, with stance and hedging (spellings of the name resolve to
-- one actor, so either spelling finds them).
select
    actor_name,
    side,
    statement_date,
    claim_count,
    distinct_claim_count,
    hedged_count,
    reported_count,
    claimed_count,
    denied_count,
    corroborated_count,
    longest_claim_text
from marts.actor_statements
where actor_id in (
    select actor_id from marts.actor_aliases
    where list_contains(surfaces, 'Dmytrashkivsky') or list_contains(surfaces, 'Dmytrachkivsky')
)
order by statement_date nulls last;


-- name: claims_per_side_per_day
-- Claims per side per day, and how often each side is hedged or corroborated.
select
    statement_date,
    side,
    claim_count,
    distinct_claim_count,
    hedged_share,
    corroborated_count
from marts.side_statements
order by statement_date nulls last, claim_count desc;


-- name: hedged_and_denied_claims
-- What the reporters could not verify, and what was denied: hedged or denied claims with the
-- words that hedge them.
select
    coalesce(a.actor_name, '(unidentified)') as claimant,
    c.stance,
    c.hedge_cue,
    c.claim_text
from marts.claims as c
left join marts.actors as a on a.actor_id = c.claimant_actor_id
where c.is_hedged or c.stance in ('denied', 'unverified')
order by c.stance, claimant;


-- name: figures_about_places
-- Every figure tied to a place, with who asserts it.
select
    p.place_name,
    f.surface,
    f.value,
    f.unit,
    f.counts,
    f.qualifier,
    coalesce(a.actor_name, art.outlet, art.source_name) as asserted_by
from marts.figures as f
join marts.places as p on p.place_id = f.place_id
join marts.articles as art on art.article_id = f.article_id
left join marts.claims as c on c.claim_id = f.claim_id
left join marts.actors as a on a.actor_id = c.claimant_actor_id
order by p.place_name, f.counts;


-- name: busiest_places
-- The places the news is busiest about: mentions, claims and figures, with coordinates for a map.
select
    place_name,
    place_type,
    country_code,
    latitude,
    longitude,
    sum(article_count) as articles,
    sum(mention_count) as mentions,
    sum(claim_count) as claims,
    sum(figure_count) as figures
from marts.place_activity
group by place_name, place_type, country_code, latitude, longitude
order by mentions desc
limit 20;


-- name: actor_spellings
-- Every spelling merged into each actor, and why it was merged.
select
    a.actor_name,
    al.surfaces,
    al.merge_reason,
    round(al.similarity, 3) as similarity,
    len(al.article_ids) as articles
from marts.actor_aliases as al
join marts.actors as a using (actor_id)
where a.article_count > 1
order by a.actor_name, al.similarity desc;


-- name: claim_in_context
-- A claim in its sentence context: 80 characters either side of the claim in the article body
-- (offsets are 0-based and half-open; DuckDB's substring counts from 1).
select
    art.source_name,
    c.cue,
    substring(art.body, greatest(c.char_start - 80, 0) + 1, least(c.char_start, 80)) as before_claim,
    c.claim_text,
    substring(art.body, c.char_end + 1, 80) as after_claim
from marts.claims as c
join marts.articles as art using (article_id)
where c.claim_text ilike '%flank%'
order by art.source_name;


-- name: search_claims
-- Word search over every claim, newest first: marts.claim_search holds each claim's text folded
-- once (lower case, no accents), so a substring scan stays fast on millions of claims; write the
-- term in lower case without accents, or fold it as here.
select s.published_at, s.outlet, a.actor_name as claimant, c.claim_text
from marts.claim_search as s
join marts.claims as c using (claim_id)
left join marts.actors as a on a.actor_id = c.claimant_actor_id
where contains(s.search_text, lower(strip_accents('Drone')))
order by s.published_at desc nulls last, s.claim_id
limit 200;
