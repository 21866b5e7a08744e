-- Claims with their claimant and intermediary resolved to actors.
{{ config(materialized='incremental', incremental_strategy='sync', unique_key='claim_id',
          on_schema_change='fail') }}

with

claims as (

    select * from {{ ref('stg_extraction__claim_candidates') }}

),

actor_mentions as (

    select mention_id, actor_id, surface from {{ ref('int_actor_mentions_resolved') }}

),

final as (

    select
        claims.claim_candidate_id as claim_id,
        claims.article_id,
        speaker.actor_id as claimant_actor_id,
        speaker.surface as claimant_surface,
        via.actor_id as via_actor_id,
        via.surface as via_surface,
        claims.cue,
        claims.claim_text,
        claims.is_direct_quote,
        claims.is_hedged,
        claims.stance,
        claims.hedge_cue,
        claims.char_start,
        claims.char_end,
        claims.cue_start,
        claims.cue_end

    from claims
    left join actor_mentions as speaker on speaker.mention_id = claims.speaker_mention_id
    left join actor_mentions as via on via.mention_id = claims.via_mention_id

)

select * from final
