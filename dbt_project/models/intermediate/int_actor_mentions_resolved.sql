-- Every actor mention with the cross-article actor it resolves to.
with

mentions as (

    select * from {{ ref('stg_extraction__actor_mentions') }}

),

clusters as (

    select * from {{ ref('int_actor_clusters') }}

),

keyed as (

    select
        *,
        case when is_anonymous then name_key || '@' || article_id else name_key end as scoped_name_key

    from mentions
    where name_key <> ''

),

final as (

    select
        keyed.mention_id,
        keyed.article_id,
        clusters.actor_id,
        keyed.char_start,
        keyed.char_end,
        keyed.surface,
        keyed.canonical_name,
        keyed.scoped_name_key as name_key,
        keyed.actor_type,
        keyed.side,
        keyed.side_evidence,
        keyed.mention_kind,
        keyed.is_anonymous

    from keyed
    inner join clusters on clusters.name_key = keyed.scoped_name_key

)

select * from final
