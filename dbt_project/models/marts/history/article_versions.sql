-- Every version of every source (file, or JSONL record): which article text it carried, when
-- it was loaded and when a newer version replaced it. marts.articles shows only the latest.
with

versions as (

    select * from {{ ref('stg_raw__article_versions') }}

),

processed as (

    select article_id, word_count from {{ ref('stg_extraction__processed_articles') }}

),

claims as (

    select article_id, count(*) as claim_count
    from {{ ref('stg_extraction__claim_candidates') }}
    group by article_id

),

figures as (

    select article_id, count(*) as figure_count
    from {{ ref('stg_extraction__figure_candidates') }}
    group by article_id

),

final as (

    select
        versions.source_key || '@' || versions.version_number as article_version_id,
        versions.source_key,
        versions.source_name,
        versions.version_number,
        versions.article_id,
        versions.ingested_at as version_ingested_at,
        lead(versions.ingested_at) over (
            partition by versions.source_key order by versions.version_number
        ) as superseded_at,
        versions.is_latest_version,
        processed.word_count::integer as word_count,
        coalesce(claims.claim_count, 0)::integer as claim_count,
        coalesce(figures.figure_count, 0)::integer as figure_count

    from versions
    left join processed on processed.article_id = versions.article_id
    left join claims on claims.article_id = versions.article_id
    left join figures on figures.article_id = versions.article_id

)

select * from final
