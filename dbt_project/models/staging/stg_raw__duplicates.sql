with

source as (

    select * from {{ source('raw', 'duplicates') }}

)

select
    source_key,
    source_name,
    duplicate_of_article_id,
    detected_at

from source
