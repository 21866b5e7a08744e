{{ config(materialized='incremental', incremental_strategy='sync', unique_key='article_id',
          on_schema_change='fail') }}

with

current_articles as (

    select * from {{ ref('int_articles_current') }}

),

final as (

    select
        article_id,
        source_name,
        outlet,
        title,
        published_at,
        url,
        body,
        word_count::integer as word_count,
        version_number,
        source_format,
        ingested_at,
        extractor_version

    from current_articles

)

select * from final
