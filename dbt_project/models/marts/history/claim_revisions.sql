-- Claims of every version of every source, and how each changed between versions: a claim
-- whose cue and text already stood in the previous version is 'unchanged', otherwise 'added'
-- (everything in version 1 is 'first_version'). Claims dropped by an edit are the rows with
-- is_in_latest_version = false.
{{ config(materialized='incremental', incremental_strategy='sync', unique_key=['article_version_id', 'claim_id'],
          on_schema_change='fail') }}

with

versions as (

    select article_version_id, source_key, version_number, article_id, is_latest_version
    from {{ ref('article_versions') }}

),

claims as (

    select * from {{ ref('int_claims_attributed') }}

),

claims_by_version as (

    select
        versions.article_version_id,
        versions.source_key,
        versions.version_number,
        versions.is_latest_version,
        claims.*,
        md5(lower(claims.cue) || chr(31) || claims.claim_text) as claim_fingerprint

    from versions
    inner join claims on claims.article_id = versions.article_id

),

fingerprints as (

    select distinct source_key, version_number, claim_fingerprint, is_latest_version
    from claims_by_version

),

final as (

    select
        claims_by_version.article_version_id,
        claims_by_version.source_key,
        claims_by_version.version_number,
        claims_by_version.article_id,
        claims_by_version.claim_id,
        claims_by_version.claimant_actor_id,
        claims_by_version.claimant_surface,
        claims_by_version.cue,
        claims_by_version.claim_text,
        claims_by_version.is_direct_quote,
        claims_by_version.is_hedged,
        claims_by_version.stance,
        claims_by_version.char_start,
        claims_by_version.char_end,
        claims_by_version.claim_fingerprint,
        case
            when claims_by_version.version_number = 1 then 'first_version'
            when previous.claim_fingerprint is not null then 'unchanged'
            else 'added'
        end as revision_status,
        latest.claim_fingerprint is not null as is_in_latest_version

    from claims_by_version
    left join fingerprints as previous
        on previous.source_key = claims_by_version.source_key
        and previous.version_number = claims_by_version.version_number - 1
        and previous.claim_fingerprint = claims_by_version.claim_fingerprint
    left join fingerprints as latest
        on latest.source_key = claims_by_version.source_key
        and latest.is_latest_version
        and latest.claim_fingerprint = claims_by_version.claim_fingerprint

)

select * from final
