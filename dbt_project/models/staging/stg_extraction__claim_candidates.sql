with

source as (

    select * from {{ source('extraction', 'claim_candidates') }}

)

select
    claim_candidate_id,
    article_id,
    char_start,
    char_end,
    claim_text,
    cue,
    cue_start,
    cue_end,
    speaker_mention_id,
    via_mention_id,
    is_direct_quote,
    is_hedged,
    stance,
    hedge_cue,
    extractor_version

from source
