-- Claims ready for word search: the claim's text folded once (lower case, accents removed) so
-- a search is a plain substring scan of a short column, with the date and outlet beside it so
-- the newest matches come without a join. Search with
--   where contains(search_text, lower(strip_accents('drone')))
-- which finds 'Drones', 'drone-launched' and 'anti-drone' alike.
with

claims as (

    select claim_id, article_id, claimant_actor_id, claim_text from {{ ref('claims') }}

),

articles as (

    select article_id, published_at, outlet from {{ ref('articles') }}

),

final as (

    select
        claims.claim_id,
        claims.article_id,
        articles.published_at,
        articles.outlet,
        claims.claimant_actor_id,
        lower(strip_accents(claims.claim_text)) as search_text

    from claims
    inner join articles on articles.article_id = claims.article_id

)

-- newest first on disk, so DuckDB's zone maps let a 'newest matches' query stop reading early
select * from final
order by published_at desc nulls last, claim_id
