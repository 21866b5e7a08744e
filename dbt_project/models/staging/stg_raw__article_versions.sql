with

source as (

    select * from {{ source('raw', 'article_versions') }}

),

renamed as (

    select
        source_key,
        version as version_number,
        article_id,
        source_name,
        ingested_at,
        version = max(version) over (partition by source_key) as is_latest_version

    from source

)

select * from renamed
