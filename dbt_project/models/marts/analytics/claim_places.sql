-- Claims about a place: one row per claim and place its content names, with what a list of
-- 'who claimed what about Kharkiv' shows (date, outlet, claimant, text), stored ordered by place
-- so reading one place's claims touches only that place's rows, however large the warehouse.
with

place_mentions as (

    select article_id, place_id, char_start, char_end from {{ ref('place_mentions') }}

),

claims as (

    select claim_id, article_id, claimant_actor_id, cue, claim_text, is_hedged, char_start, char_end
    from {{ ref('claims') }}

),

articles as (

    select article_id, published_at, outlet from {{ ref('articles') }}

),

named_places as (

    select distinct claims.claim_id, place_mentions.place_id
    from place_mentions
    inner join claims
        on claims.article_id = place_mentions.article_id
        and place_mentions.char_start >= claims.char_start
        and place_mentions.char_end <= claims.char_end

),

final as (

    select
        named_places.place_id,
        claims.claim_id,
        claims.article_id,
        articles.published_at,
        articles.outlet,
        claims.claimant_actor_id,
        claims.cue,
        claims.is_hedged,
        claims.claim_text

    from named_places
    inner join claims on claims.claim_id = named_places.claim_id
    inner join articles on articles.article_id = claims.article_id

)

select * from final
order by place_id, published_at desc nulls last, claim_id
