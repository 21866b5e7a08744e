-- Figures linked to the claim whose content contains them (the innermost one when claims
-- nest) and to the place they are about.
--
-- Incremental: everything here is decided within one article's extraction (claim and place ids
-- are derived from the article and offsets), so a run links only the figures of articles
-- extracted since the last build. Before that, the pre-hook drops rows of articles that have
-- since been re-extracted with another extractor version; their new figures are then selected
-- again, and an article whose new extraction has no figures keeps none.
-- depends_on: {{ ref('stg_extraction__processed_articles') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ drop_rows_of_reextracted_articles() }}",
    )
}}

with

figures as (

    select * from {{ ref('stg_extraction__figure_candidates') }}
    {{ only_articles_not_yet_built() }}

),

claims as (

    select claim_id, article_id, char_start, char_end from {{ ref('int_claims_attributed') }}
    where article_id in (select article_id from figures)

),

places as (

    select mention_id, place_id from {{ ref('int_place_mentions_resolved') }}

),

containing_claims as (

    select
        figures.figure_candidate_id,
        claims.claim_id,
        row_number() over (
            partition by figures.figure_candidate_id
            order by claims.char_end - claims.char_start, claims.char_start
        ) as containment_rank

    from figures
    inner join claims
        on claims.article_id = figures.article_id
        and figures.char_start >= claims.char_start
        and figures.char_end <= claims.char_end

),

final as (

    select
        figures.figure_candidate_id as figure_id,
        figures.article_id,
        containing_claims.claim_id,
        figures.surface,
        figures.value,
        figures.value_high,
        figures.unit,
        figures.counts,
        figures.qualifier,
        figures.direction,
        places.place_id,
        figures.char_start,
        figures.char_end,
        figures.extractor_version

    from figures
    left join containing_claims
        on containing_claims.figure_candidate_id = figures.figure_candidate_id
        and containing_claims.containment_rank = 1
    left join places on places.mention_id = figures.place_mention_id

)

select * from final
