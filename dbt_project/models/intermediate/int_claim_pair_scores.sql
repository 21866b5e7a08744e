-- How much of each candidate pair's content the two claims share: the costly, fuzzy part of
-- int_claim_links (a word is found when the other claim has it, or a word within Jaro-Winkler
-- 0.9 of it: 'stabilised' and 'stabilized'; a number only when the other claim has the same
-- number, or rarely a close word), and whether the shorter claim's numbers all appear in the
-- longer.
--
-- Incremental: a pair's scores depend on the two claims' terms alone, so a run scores only the
-- candidate pairs it has not scored yet (mostly those with a claim of a newly extracted
-- article). Before that, the pre-hook drops the pairs of which either claim has since been
-- re-extracted with another extractor version. Pairs that stop being candidates keep their
-- scores, unused: int_claim_links reads the scores of the current candidates only.
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ drop_pairs_of_reextracted_claims() }}",
    )
}}

with

candidate_pairs as (

    select claim_id, linked_claim_id from {{ ref('int_claim_candidate_pairs') }}
    {%- if is_incremental() %}
    anti join {{ this }} as scored using (claim_id, linked_claim_id)
    {%- endif %}

),

terms as (

    select claim_id, extractor_version, terms, numbers, words from {{ ref('int_claim_terms') }}

),

scored_pairs as (

    select
        a.claim_id,
        b.claim_id as linked_claim_id,
        a.extractor_version,
        b.extractor_version as linked_extractor_version,
        len(a.terms) as term_count,
        len(b.terms) as linked_term_count,
        case when len(a.terms) <= len(b.terms)
            then list_has_all(b.numbers, a.numbers)
            else list_has_all(a.numbers, b.numbers)
        end as numbers_agree,
        len(list_filter(a.words, lambda x: case when list_contains(b.terms, x) then true
            else list_max(list_transform(b.terms, lambda y: jaro_winkler_similarity(x, y))) >= 0.9 end))
            + len(list_filter(a.numbers, lambda x: list_contains(b.numbers, x)
                or list_max(list_transform(b.words, lambda y: jaro_winkler_similarity(x, y))) >= 0.9))
            as terms_found,
        len(list_filter(b.words, lambda y: case when list_contains(a.terms, y) then true
            else list_max(list_transform(a.terms, lambda x: jaro_winkler_similarity(x, y))) >= 0.9 end))
            + len(list_filter(b.numbers, lambda y: list_contains(a.numbers, y)
                or list_max(list_transform(a.words, lambda x: jaro_winkler_similarity(x, y))) >= 0.9))
            as linked_terms_found

    from candidate_pairs
    inner join terms as a on a.claim_id = candidate_pairs.claim_id
    inner join terms as b on b.claim_id = candidate_pairs.linked_claim_id

)

select * from scored_pairs
