with

source as (

    select * from {{ source('extraction', 'place_mentions') }}

)

select
    mention_id,
    article_id,
    char_start,
    char_end,
    surface,
    place_key,
    place_name,
    place_type,
    country_code,
    latitude,
    longitude,
    geonames_id,
    precision as place_precision,
    score as resolution_score,
    extractor_version

from source
