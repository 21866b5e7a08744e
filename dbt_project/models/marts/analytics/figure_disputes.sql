-- Figures about the same thing asserted with different values by different claimants: one row
-- per disputed subject, with the spread between the values.
--   * the subject is what is counted (its content words, in any order), the unit, the place
--     (or none) and the publication week (or none, for undated articles);
--   * a shorter description joins a fuller one when it is the only fuller one in its unit, place
--     and week ('civilians killed' joins 'russian civilians killed' unless 'ukrainian civilians
--     killed' is also there);
--   * the claimant is the resolved speaker of the claim holding the figure; a figure outside any
--     claim is asserted by its article's outlet (side unknown);
--   * a count of part of a group ('two of the hostages') is left out: it is no total;
--   * values contradict when their intervals cannot overlap: exact is a point, approximate is
--     +/-10%, at least / more than are open upwards, less than downwards, a range is its range
--     and a vague figure agrees with anything.
with

figures as (

    select * from {{ ref('figures') }}
    where counts is not null
        -- a part of a group ('two of the hostages', 'one of its drones') is no total to dispute
        and not (unit = 'count'
            and regexp_matches(lower(surface), '\bof (the|these|those|its|his|her|their|our|my|your)\b'))

),

claims as (

    select claim_id, claimant_actor_id from {{ ref('claims') }}

),

actors as (

    select actor_id, actor_name, side from {{ ref('actors') }}

),

articles as (

    select article_id, source_name, outlet, published_at from {{ ref('articles') }}

),

places as (

    select place_id, place_name from {{ ref('places') }}

),

assertions as (

    select
        figures.figure_id,
        figures.article_id,
        figures.surface,
        figures.value,
        coalesce(figures.value_high, figures.value) as value_high,
        figures.unit,
        figures.qualifier,
        figures.place_id,
        lower(trim(figures.counts)) as counts_text,
        date_trunc('week', articles.published_at)::date as period_start,
        list_sort(list_distinct(list_filter(
            regexp_split_to_array(lower(strip_accents(figures.counts)), '[^a-z0-9]+'),
            lambda term: term <> '' and not list_contains(['a', 'an', 'the', 'of', 'by', 'in', 'on', 'and'], term)
        ))) as counts_terms,
        coalesce(claims.claimant_actor_id, 'article:' || figures.article_id) as claimant_key,
        coalesce(actors.actor_name, articles.outlet, articles.source_name) as claimant_name,
        coalesce(actors.side, 'unknown') as claimant_side,
        case figures.qualifier
            when 'exact' then figures.value
            when 'approximate' then figures.value * 0.9
            when 'less_than' then '-infinity'::double
            when 'vague' then '-infinity'::double
            else figures.value
        end as lowest_compatible,
        case figures.qualifier
            when 'exact' then figures.value
            when 'approximate' then figures.value * 1.1
            when 'range' then coalesce(figures.value_high, figures.value)
            when 'less_than' then figures.value
            else 'infinity'::double
        end as highest_compatible

    from figures
    left join claims on claims.claim_id = figures.claim_id
    left join actors on actors.actor_id = claims.claimant_actor_id
    left join articles on articles.article_id = figures.article_id
    where figures.counts is not null

),

descriptions as (

    select distinct unit, place_id, period_start, counts_terms
    from assertions
    where len(counts_terms) > 0

),

fuller_descriptions as (

    select
        shorter.unit,
        shorter.place_id,
        shorter.period_start,
        shorter.counts_terms,
        fuller.counts_terms as fuller_counts_terms,
        count(*) over (
            partition by shorter.unit, shorter.place_id, shorter.period_start, shorter.counts_terms
        ) as fuller_count

    from descriptions as shorter
    inner join descriptions as fuller
        on fuller.unit = shorter.unit
        and fuller.place_id is not distinct from shorter.place_id
        and fuller.period_start is not distinct from shorter.period_start
        and len(fuller.counts_terms) > len(shorter.counts_terms)
        and list_has_all(fuller.counts_terms, shorter.counts_terms)

),

subjects as (

    select
        assertions.*,
        array_to_string(coalesce(fuller_descriptions.fuller_counts_terms, assertions.counts_terms), ' ')
            as subject

    from assertions
    left join fuller_descriptions
        on fuller_descriptions.unit = assertions.unit
        and fuller_descriptions.place_id is not distinct from assertions.place_id
        and fuller_descriptions.period_start is not distinct from assertions.period_start
        and fuller_descriptions.counts_terms = assertions.counts_terms
        and fuller_descriptions.fuller_count = 1
    where len(assertions.counts_terms) > 0

),

keyed_subjects as (

    select
        *,
        'dsp_' || left(md5(concat_ws('|', subject, unit, coalesce(place_id, ''),
            coalesce(period_start::varchar, ''))), 12) as dispute_id

    from subjects

),

disagreeing_pairs as (

    select
        a.dispute_id,
        bool_or(a.highest_compatible < b.lowest_compatible
            or b.highest_compatible < a.lowest_compatible) as is_contradictory

    from keyed_subjects as a
    inner join keyed_subjects as b
        on b.dispute_id = a.dispute_id
        and a.claimant_key < b.claimant_key
        and (a.value <> b.value or a.value_high <> b.value_high)
    group by a.dispute_id

),

final as (

    select
        keyed_subjects.dispute_id,
        arg_max(keyed_subjects.counts_text, len(keyed_subjects.counts_terms) * 1000 - length(keyed_subjects.counts_text))
            as counts,
        any_value(keyed_subjects.unit) as unit,
        any_value(keyed_subjects.place_id) as place_id,
        any_value(places.place_name) as place_name,
        any_value(keyed_subjects.period_start) as period_start,
        count(*)::integer as figure_count,
        count(distinct keyed_subjects.article_id)::integer as article_count,
        count(distinct keyed_subjects.claimant_key)::integer as claimant_count,
        count(distinct keyed_subjects.claimant_side) filter (where keyed_subjects.claimant_side <> 'unknown')::integer
            as side_count,
        list_sort(list_distinct(list(keyed_subjects.claimant_side))) as sides,
        list_sort(list_distinct(list(keyed_subjects.claimant_name))) as claimant_names,
        min(keyed_subjects.value) as min_value,
        max(keyed_subjects.value_high) as max_value,
        max(keyed_subjects.value_high) - min(keyed_subjects.value) as spread,
        case when min(keyed_subjects.value) > 0
            then round(max(keyed_subjects.value_high) / min(keyed_subjects.value), 3)
        end as spread_ratio,
        count(distinct keyed_subjects.claimant_side) filter (where keyed_subjects.claimant_side <> 'unknown') >= 2
            as is_cross_side,
        any_value(disagreeing_pairs.is_contradictory) as is_contradictory,
        string_agg(keyed_subjects.claimant_name || ': ' || keyed_subjects.surface, '; '
            order by keyed_subjects.value, keyed_subjects.claimant_name) as assertions,
        list_sort(list(keyed_subjects.figure_id)) as figure_ids

    from keyed_subjects
    inner join disagreeing_pairs using (dispute_id)
    left join places on places.place_id = keyed_subjects.place_id
    group by keyed_subjects.dispute_id

)

select * from final
