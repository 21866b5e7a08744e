with

source as (

    select * from {{ source('extraction', 'processed_articles') }}

)

select
    article_id,
    body,
    word_count,
    extractor_version,
    extracted_at

from source
