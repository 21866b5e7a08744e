with

source as (

    select * from {{ source('extraction', 'actor_mentions') }}

)

select
    mention_id,
    article_id,
    char_start,
    char_end,
    surface,
    canonical_name,
    name_key,
    actor_type,
    side,
    side_evidence,
    mention_kind,
    is_anonymous,
    extractor_version

from source
