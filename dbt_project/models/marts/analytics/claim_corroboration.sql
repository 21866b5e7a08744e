-- One row per claim cluster: the same claim (same speaker, same content in other words or
-- spellings) across articles, with how many independent sources carry it. Copies of one wire
-- story, and interviews relayed through one outlet ('told AFP'), count as one source.
{{ config(materialized='incremental', incremental_strategy='sync', unique_key='cluster_id',
          on_schema_change='fail') }}

with

members as (

    select * from {{ ref('claim_cluster_members') }}

),

actors as (

    select actor_id, actor_name, side, is_anonymous from {{ ref('actors') }}

),

links as (

    select * from {{ ref('int_claim_links') }}

),

clusters as (

    select * from {{ ref('int_claim_clusters') }}

),

member_details as (

    select
        members.*,
        claimant.is_anonymous as is_anonymous_claimant,
        relay.actor_name as relay_name

    from members
    left join actors as claimant on claimant.actor_id = members.claimant_actor_id
    left join actors as relay on relay.actor_id = members.relay_actor_id

),

cluster_claimants as (

    -- The cluster's speaker: its most frequent named claimant, else its most frequent one.
    select
        cluster_id,
        coalesce(
            mode(claimant_actor_id) filter (where not is_anonymous_claimant),
            mode(claimant_actor_id)
        ) as claimant_actor_id

    from member_details
    group by cluster_id

),

link_strength as (

    select
        clusters.cluster_id,
        min(links.similarity) as weakest_link_similarity

    from links
    inner join clusters on clusters.claim_id = links.claim_id
    group by clusters.cluster_id

),

cluster_facts as (

    select
        cluster_id,
        arg_max(claim_text, length(claim_text)) as claim_text,
        count(*)::integer as claim_count,
        count(distinct article_id)::integer as article_count,
        count(distinct outlet)::integer as outlet_count,
        count(distinct source_key)::integer as independent_source_count,
        list_sort(list_distinct(list(source_key))) as source_keys,
        coalesce(list_sort(list_distinct(list(relay_name) filter (where relay_name is not null))), []) as relay_names,
        list_sort(list_distinct(list(article_id))) as article_ids,
        list_sort(list(claim_id)) as claim_ids,
        min(published_at) as first_published_at,
        max(published_at) as last_published_at,
        list_sort(list_distinct(list(stance))) as stances,
        bool_or(is_hedged) as is_hedged_anywhere

    from member_details
    group by cluster_id

),

final as (

    select
        cluster_facts.cluster_id,
        cluster_claimants.claimant_actor_id,
        actors.actor_name as claimant_name,
        coalesce(actors.side, 'unknown') as claimant_side,
        cluster_facts.claim_text,
        cluster_facts.claim_count,
        cluster_facts.article_count,
        cluster_facts.outlet_count,
        cluster_facts.independent_source_count,
        cluster_facts.independent_source_count >= 2 as is_corroborated,
        cluster_facts.source_keys,
        cluster_facts.relay_names,
        cluster_facts.article_ids,
        cluster_facts.claim_ids,
        cluster_facts.first_published_at,
        cluster_facts.last_published_at,
        cluster_facts.stances,
        cluster_facts.is_hedged_anywhere,
        link_strength.weakest_link_similarity

    from cluster_facts
    inner join cluster_claimants using (cluster_id)
    left join actors on actors.actor_id = cluster_claimants.claimant_actor_id
    left join link_strength using (cluster_id)

)

select * from final
