with

source as (

    select * from {{ source('raw', 'articles') }}

),

renamed as (

    select
        article_id,
        content_hash,
        nullif(trim(title), '') as title,
        nullif(trim(outlet), '') as outlet,
        published_at,
        nullif(trim(url), '') as url,
        source_format,
        encoding as source_encoding,
        first_source_name,
        ingested_at

    from source

)

select * from renamed
