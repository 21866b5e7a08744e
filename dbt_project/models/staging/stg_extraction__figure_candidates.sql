with

source as (

    select * from {{ source('extraction', 'figure_candidates') }}

)

select
    figure_candidate_id,
    article_id,
    char_start,
    char_end,
    surface,
    value,
    value_high,
    unit,
    counts,
    qualifier,
    place_mention_id,
    direction,
    extractor_version

from source
