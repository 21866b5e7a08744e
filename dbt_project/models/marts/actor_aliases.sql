-- Why each spelling belongs to its actor: the articles and surfaces behind every name key,
-- and the link (fuzzy similarity or unambiguous surname) that merged it into the cluster.
with

mentions as (

    select * from {{ ref('actor_mentions') }}

),

resolved as (

    select mention_id, name_key from {{ ref('int_actor_mentions_resolved') }}

),

clusters as (

    select * from {{ ref('int_actor_clusters') }}

),

links as (

    select * from {{ ref('int_actor_name_links') }}

),

best_link as (

    select
        name_key,
        max(similarity) as similarity,
        arg_max(link_reason, similarity) as link_reason

    from (
        select name_key, similarity, link_reason from links
        union all
        select linked_name_key as name_key, similarity, link_reason from links
    )
    group by name_key

),

final as (

    select
        mentions.actor_id,
        resolved.name_key,
        mode(mentions.canonical_name) as alias_name,
        list_sort(list_distinct(list(mentions.surface))) as surfaces,
        list_sort(list_distinct(list(mentions.article_id))) as article_ids,
        count(*)::integer as mention_count,
        case
            when resolved.name_key = any_value(clusters.cluster_key) then 'cluster key'
            else coalesce(any_value(best_link.link_reason), 'same name key')
        end as merge_reason,
        coalesce(any_value(best_link.similarity), 1.0) as similarity

    from mentions
    inner join resolved using (mention_id)
    inner join clusters on clusters.name_key = resolved.name_key
    left join best_link on best_link.name_key = resolved.name_key
    group by mentions.actor_id, resolved.name_key

)

select * from final
