{{ config(materialized='incremental', incremental_strategy='sync', unique_key='claim_id',
          on_schema_change='fail') }}

with

claims as (

    select * from {{ ref('int_claims_attributed') }}

),

current_articles as (

    select article_id from {{ ref('int_articles_current') }}

),

final as (

    select
        claims.claim_id,
        claims.article_id,
        claims.claimant_actor_id,
        claims.via_actor_id,
        claims.cue,
        claims.claim_text,
        claims.is_direct_quote,
        claims.is_hedged,
        claims.stance,
        claims.hedge_cue,
        claims.claimant_surface,
        claims.via_surface,
        claims.char_start,
        claims.char_end,
        claims.cue_start,
        claims.cue_end

    from claims
    inner join current_articles using (article_id)

)

select * from final
