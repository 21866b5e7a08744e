-- Per actor and publication day, the claims the actor made: how many, how they were presented
-- (stance), how often hedged or quoted, and how many are corroborated by independent sources.
-- Claims in undated articles fall on a null statement_date.
with

claims as (

    select * from {{ ref('claims') }} where claimant_actor_id is not null

),

actors as (

    select actor_id, actor_name, actor_type, side from {{ ref('actors') }}

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
        claims.claimant_actor_id as actor_id,
        articles.published_at::date as statement_date,
        claims.claim_id,
        claims.article_id,
        claims.stance,
        claims.is_hedged,
        claims.is_direct_quote,
        claims.claim_text,
        members.cluster_id,
        corroboration.is_corroborated

    from claims
    left join articles using (article_id)
    left join members using (claim_id)
    left join corroboration using (cluster_id)

),

final as (

    select
        claim_facts.actor_id,
        actors.actor_name,
        actors.actor_type,
        actors.side,
        claim_facts.statement_date,
        count(*)::integer as claim_count,
        count(distinct claim_facts.article_id)::integer as article_count,
        count(distinct claim_facts.cluster_id)::integer as distinct_claim_count,
        count(*) filter (where claim_facts.is_direct_quote)::integer as direct_quote_count,
        count(*) filter (where claim_facts.is_hedged)::integer as hedged_count,
        round(count(*) filter (where claim_facts.is_hedged) / count(*), 3) as hedged_share,
        count(*) filter (where claim_facts.stance = 'certain')::integer as certain_count,
        count(*) filter (where claim_facts.stance = 'reported')::integer as reported_count,
        count(*) filter (where claim_facts.stance = 'claimed')::integer as claimed_count,
        count(*) filter (where claim_facts.stance = 'denied')::integer as denied_count,
        count(*) filter (where claim_facts.stance = 'unverified')::integer as unverified_count,
        count(*) filter (where claim_facts.is_corroborated)::integer as corroborated_count,
        arg_max(claim_facts.claim_text, length(claim_facts.claim_text)) as longest_claim_text

    from claim_facts
    inner join actors using (actor_id)
    group by all

)

select * from final
