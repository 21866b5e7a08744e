-- Per side and publication day, the claims its actors made. Claims whose speaker could not be
-- identified count under 'unknown'. Claims in undated articles fall on a null statement_date.
with

claims as (

    select * from {{ ref('claims') }}

),

actors as (

    select actor_id, side from {{ ref('actors') }}

),

articles as (

    select article_id, published_at from {{ ref('articles') }}

),

members as (

    select claim_id, cluster_id from {{ ref('claim_cluster_members') }}

),

corroboration as (

    select cluster_id, is_corroborated from {{ ref('claim_corroboration') }}

),

claim_facts as (

    select
        coalesce(actors.side, 'unknown') as side,
        articles.published_at::date as statement_date,
        claims.claim_id,
        claims.article_id,
        claims.claimant_actor_id,
        claims.stance,
        claims.is_hedged,
        claims.is_direct_quote,
        members.cluster_id,
        corroboration.is_corroborated

    from claims
    left join actors on actors.actor_id = claims.claimant_actor_id
    left join articles using (article_id)
    left join members using (claim_id)
    left join corroboration using (cluster_id)

),

final as (

    select
        side,
        statement_date,
        count(*)::integer as claim_count,
        count(distinct claimant_actor_id)::integer as actor_count,
        count(distinct article_id)::integer as article_count,
        count(distinct cluster_id)::integer as distinct_claim_count,
        count(*) filter (where is_direct_quote)::integer as direct_quote_count,
        count(*) filter (where is_hedged)::integer as hedged_count,
        round(count(*) filter (where is_hedged) / count(*), 3) as hedged_share,
        count(*) filter (where stance = 'certain')::integer as certain_count,
        count(*) filter (where stance = 'reported')::integer as reported_count,
        count(*) filter (where stance = 'claimed')::integer as claimed_count,
        count(*) filter (where stance = 'denied')::integer as denied_count,
        count(*) filter (where stance = 'unverified')::integer as unverified_count,
        count(*) filter (where is_corroborated)::integer as corroborated_count

    from claim_facts
    group by side, statement_date

)

select * from final
