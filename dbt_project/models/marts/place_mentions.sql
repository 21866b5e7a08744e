{{ config(materialized='incremental', incremental_strategy='sync', unique_key='mention_id',
          on_schema_change='fail') }}

with

mentions as (

    select * from {{ ref('int_place_mentions_resolved') }}

),

current_articles as (

    select article_id from {{ ref('int_articles_current') }}

),

final as (

    select
        mentions.mention_id,
        mentions.article_id,
        mentions.place_id,
        mentions.surface,
        mentions.char_start,
        mentions.char_end,
        mentions.resolution_score

    from mentions
    inner join current_articles using (article_id)

)

select * from final
