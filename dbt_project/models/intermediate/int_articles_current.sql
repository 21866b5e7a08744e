-- The latest version of every source, one row per distinct article text, with the body the
-- extraction offsets point into. Older versions stay in raw.article_versions (see article_versions).
with

versions as (

    select * from {{ ref('stg_raw__article_versions') }}

),

articles as (

    select * from {{ ref('stg_raw__articles') }}

),

processed as (

    select * from {{ ref('stg_extraction__processed_articles') }}

),

latest_sources as (

    select
        article_id,
        min(source_name) as source_name,
        min(source_key) as source_key,
        max(version_number) as version_number,
        max(ingested_at) as version_ingested_at

    from versions
    where is_latest_version
    group by article_id

),

final as (

    select
        articles.article_id,
        latest_sources.source_name,
        latest_sources.source_key,
        latest_sources.version_number,
        articles.outlet,
        articles.title,
        articles.published_at,
        articles.url,
        processed.body,
        processed.word_count,
        articles.source_format,
        articles.content_hash,
        articles.ingested_at,
        processed.extractor_version,
        processed.extracted_at

    from latest_sources
    inner join articles using (article_id)
    inner join processed using (article_id)

)

select * from final
