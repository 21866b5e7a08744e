-- Every claim with the cluster of claims saying the same thing, and the independent source it
-- counts as. One more rule than int_claim_sources can apply before clustering: a claim with no
-- relay of its own, in an article that relays claims through R elsewhere, counts as R when R
-- carries the same claim in another article (the article took the whole story from R).
{{ config(materialized='incremental', incremental_strategy='sync', unique_key='claim_id',
          on_schema_change='fail') }}

with

claims as (

    select claim_id, article_id, claimant_actor_id, claim_text, stance, is_hedged
    from {{ ref('claims') }}

),

articles as (

    select article_id, source_name, published_at from {{ ref('articles') }}

),

clusters as (

    select * from {{ ref('int_claim_clusters') }}

),

sources as (

    select * from {{ ref('int_claim_sources') }}

),

relayed as (

    select sources.*, clusters.cluster_id
    from sources
    inner join clusters using (claim_id)
    where sources.relay_actor_id is not null

),

article_cluster_relays as (

    -- relays that both carry the cluster somewhere and are named in the member's article
    select
        clusters.claim_id,
        min(cluster_relay.source_key) as source_key,
        min(cluster_relay.relay_actor_id) as relay_actor_id

    from clusters
    inner join sources using (claim_id)
    inner join relayed as cluster_relay
        on cluster_relay.cluster_id = clusters.cluster_id
        and cluster_relay.claim_id <> clusters.claim_id
    inner join relayed as article_relay
        on article_relay.article_id = sources.article_id
        and article_relay.source_key = cluster_relay.source_key
    where sources.relay_actor_id is null
    group by clusters.claim_id
    having count(distinct cluster_relay.source_key) = 1

),

final as (

    select
        claims.claim_id,
        clusters.cluster_id,
        claims.article_id,
        articles.source_name,
        articles.published_at,
        sources.outlet,
        claims.claimant_actor_id,
        coalesce(sources.relay_actor_id, article_cluster_relays.relay_actor_id) as relay_actor_id,
        coalesce(article_cluster_relays.source_key, sources.source_key) as source_key,
        case
            when article_cluster_relays.source_key is not null then 'relay named in article'
            else sources.source_kind
        end as source_kind,
        claims.stance,
        claims.is_hedged,
        claims.claim_text

    from claims
    inner join clusters on clusters.claim_id = claims.claim_id
    inner join sources on sources.claim_id = claims.claim_id
    inner join articles on articles.article_id = claims.article_id
    left join article_cluster_relays on article_cluster_relays.claim_id = claims.claim_id

)

select * from final
