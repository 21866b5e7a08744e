-- Every actor mention with the cross-article actor it resolves to (keys as in int_actor_names).
{{ config(materialized='incremental', incremental_strategy='sync', unique_key='mention_id',
          on_schema_change='fail') }}

with

mentions as (

    select * from {{ ref('stg_extraction__actor_mentions') }}

),

clusters as (

    select * from {{ ref('int_actor_clusters') }}

),

office_holders as (

    select * from {{ ref('int_actor_office_holders') }}

),

keyed as (

    -- the same keys as int_actor_names
    select
        mentions.*,
        case
            when office_holders.holder_name_key is not null then office_holders.holder_name_key
            when mentions.is_anonymous or starts_with(mentions.name_key, 'office ')
                then mentions.name_key || '@' || mentions.article_id
            else mentions.name_key
        end as scoped_name_key

    from mentions
    left join office_holders
        on office_holders.article_id = mentions.article_id
        and office_holders.office_key = mentions.name_key
    where mentions.name_key <> ''

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
