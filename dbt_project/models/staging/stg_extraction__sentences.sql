with

source as (

    select * from {{ source('extraction', 'sentences') }}

)

select
    article_id,
    sentence_index,
    char_start,
    char_end

from source
