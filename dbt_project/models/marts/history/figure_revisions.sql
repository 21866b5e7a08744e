-- Figures of every version of every source, and how each changed between versions. A figure
-- identical to one in the previous version (same value, range, unit, counted thing, qualifier)
-- is 'unchanged'; one that replaces a figure of the previous version counting the same thing in
-- the same unit ('23 civilians killed' becoming '31 civilians killed') is 'revised', with the
-- earlier value beside it; anything else new is 'added'. Version 1 is 'first_version'.
{{ config(materialized='incremental', incremental_strategy='sync', unique_key=['article_version_id', 'figure_id'],
          on_schema_change='fail') }}

with

versions as (

    select article_version_id, source_key, version_number, article_id, is_latest_version
    from {{ ref('article_versions') }}

),

figures as (

    select * from {{ ref('int_figures_linked') }}

),

figures_by_version as (

    select
        versions.article_version_id,
        versions.source_key,
        versions.version_number,
        versions.is_latest_version,
        figures.*,
        md5(concat_ws(chr(31), figures.unit, coalesce(figures.counts, ''), figures.qualifier,
                      figures.value::varchar, coalesce(figures.value_high::varchar, ''))) as figure_fingerprint

    from versions
    inner join figures on figures.article_id = versions.article_id

),

fingerprints as (

    select distinct source_key, version_number, figure_fingerprint, is_latest_version
    from figures_by_version

),

compared as (

    select
        figures_by_version.*,
        previous.figure_fingerprint is not null as was_in_previous_version,
        latest.figure_fingerprint is not null as is_in_latest_version

    from figures_by_version
    left join fingerprints as previous
        on previous.source_key = figures_by_version.source_key
        and previous.version_number = figures_by_version.version_number - 1
        and previous.figure_fingerprint = figures_by_version.figure_fingerprint
    left join fingerprints as latest
        on latest.source_key = figures_by_version.source_key
        and latest.is_latest_version
        and latest.figure_fingerprint = figures_by_version.figure_fingerprint

),

-- Figures of the previous version that this version no longer has: candidates for a revision.
replaced as (

    select
        earlier.source_key,
        earlier.version_number + 1 as replaced_in_version,
        earlier.unit,
        earlier.counts,
        earlier.value,
        earlier.value_high,
        earlier.char_start

    from figures_by_version as earlier
    left join fingerprints as kept
        on kept.source_key = earlier.source_key
        and kept.version_number = earlier.version_number + 1
        and kept.figure_fingerprint = earlier.figure_fingerprint
    where earlier.counts is not null
        and kept.figure_fingerprint is null

),

revisions as (

    select
        compared.article_version_id,
        compared.figure_id,
        replaced.value as previous_value,
        replaced.value_high as previous_value_high,
        row_number() over (
            partition by compared.article_version_id, compared.figure_id
            order by abs(replaced.char_start - compared.char_start), replaced.char_start
        ) as closeness_rank

    from compared
    inner join replaced
        on replaced.source_key = compared.source_key
        and replaced.replaced_in_version = compared.version_number
        and replaced.unit = compared.unit
        and replaced.counts = compared.counts
    where not compared.was_in_previous_version
        and compared.version_number > 1

),

final as (

    select
        compared.article_version_id,
        compared.source_key,
        compared.version_number,
        compared.article_id,
        compared.figure_id,
        compared.claim_id,
        compared.surface,
        compared.value,
        compared.value_high,
        compared.unit,
        compared.counts,
        compared.qualifier,
        compared.char_start,
        compared.char_end,
        compared.figure_fingerprint,
        case
            when compared.version_number = 1 then 'first_version'
            when compared.was_in_previous_version then 'unchanged'
            when revisions.figure_id is not null then 'revised'
            else 'added'
        end as revision_status,
        revisions.previous_value,
        revisions.previous_value_high,
        compared.is_in_latest_version

    from compared
    left join revisions
        on revisions.article_version_id = compared.article_version_id
        and revisions.figure_id = compared.figure_id
        and revisions.closeness_rank = 1

)

select * from final
