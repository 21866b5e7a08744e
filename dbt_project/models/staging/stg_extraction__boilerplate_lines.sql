with

source as (

    select * from {{ source('extraction', 'boilerplate_lines') }}

)

select
    article_id,
    line_number,
    text as line_text,
    reason as removal_reason,
    extractor_version

from source
