-- Per place and publication day, what the news says about it: mentions, the claims whose content
-- names it (or holds a figure about it), and the figures about it, by the claimant's side.
-- Undated articles fall on a null activity_date.
with

places as (

    select place_id, place_name, place_type, country_code, latitude, longitude
    from {{ ref('places') }}

),

place_mentions as (

    select mention_id, article_id, place_id from {{ ref('place_mentions') }}

),

claims as (

    select claim_id, claimant_actor_id from {{ ref('claims') }}

),

figures as (

    select figure_id, article_id, claim_id, place_id from {{ ref('figures') }}

),

actors as (

    select actor_id, side from {{ ref('actors') }}

),

articles as (

    select article_id, published_at from {{ ref('articles') }}

),

claim_places as (

    select place_id, claim_id, article_id from {{ ref('claim_places') }}

    union

    select place_id, claim_id, article_id
    from figures
    where place_id is not null and claim_id is not null

),

events as (

    select place_id, article_id, 'mention' as event_kind, mention_id as event_id, null as side
    from place_mentions

    union all

    select claim_places.place_id, claim_places.article_id, 'claim', claim_places.claim_id,
        coalesce(actors.side, 'unknown')
    from claim_places
    inner join claims using (claim_id)
    left join actors on actors.actor_id = claims.claimant_actor_id

    union all

    select place_id, article_id, 'figure', figure_id, null
    from figures
    where place_id is not null

),

daily as (

    select
        events.place_id,
        articles.published_at::date as activity_date,
        count(distinct events.article_id)::integer as article_count,
        count(*) filter (where event_kind = 'mention')::integer as mention_count,
        count(distinct event_id) filter (where event_kind = 'claim')::integer as claim_count,
        count(distinct event_id) filter (where event_kind = 'claim' and side = 'ukraine')::integer
            as ukraine_claim_count,
        count(distinct event_id) filter (where event_kind = 'claim' and side = 'russia')::integer
            as russia_claim_count,
        count(distinct event_id) filter (where event_kind = 'figure')::integer as figure_count,
        coalesce(list_sort(list_distinct(list(side) filter (where event_kind = 'claim'))), []) as claiming_sides,
        coalesce(list_sort(list(event_id) filter (where event_kind = 'claim')), []) as claim_ids,
        coalesce(list_sort(list(event_id) filter (where event_kind = 'figure')), []) as figure_ids

    from events
    inner join articles using (article_id)
    group by events.place_id, articles.published_at::date

),

final as (

    select
        daily.place_id,
        places.place_name,
        places.place_type,
        places.country_code,
        places.latitude,
        places.longitude,
        daily.activity_date,
        daily.article_count,
        daily.mention_count,
        daily.claim_count,
        daily.ukraine_claim_count,
        daily.russia_claim_count,
        daily.figure_count,
        daily.claiming_sides,
        daily.claim_ids,
        daily.figure_ids

    from daily
    inner join places using (place_id)

)

select * from final
