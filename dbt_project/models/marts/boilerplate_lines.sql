with

lines as (

    select * from {{ ref('stg_extraction__boilerplate_lines') }}

)

select
    article_id,
    line_number,
    line_text,
    removal_reason

from lines
