-- Pairs of claims in different articles that state the same thing, with the evidence.
--   * same claimant (the resolved actor): 75% of the shorter claim's content words are found
--     in the other (a trimmed quote), or 60% of both claims' words are;
--   * no conflicting claimants (one unnamed, anonymous or unresolved, on compatible sides):
--     the texts are near-identical (75% of both claims' words, 5 or more words each);
--   * either way, every number of the shorter claim appears in the longer ('40 drones' and
--     '41 drones' are two claims, which figure_disputes may oppose).
-- Content words match fuzzily (Jaro-Winkler >= 0.9: 'stabilised' and 'stabilized'), numbers
-- exactly. When both articles are dated, they are at most 7 days apart: the same words a year
-- later are a new statement. Candidate pairs share two or more words that occur in at most 100
-- claims, which keeps the comparison linear in the number of claims.
{{ config(schema='intermediate', materialized='incremental', incremental_strategy='sync',
          unique_key=['claim_id', 'linked_claim_id'], on_schema_change='fail') }}

with

-- read from the intermediate models the marts are copies of, so the links are built while the
-- marts are still being built and tested: they are the longest chain of the build

articles as (

    select article_id, published_at from {{ ref('int_articles_current') }}

),

claims as (

    select claim_id, article_id, claimant_actor_id
    from {{ ref('int_claims_attributed') }}
    semi join articles using (article_id)

),

actors as (

    select actor_id, side, is_anonymous from {{ ref('int_actors_resolved') }}

),

claim_terms as (

    select
        claims.claim_id,
        claims.article_id,
        claims.claimant_actor_id,
        coalesce(actors.is_anonymous, false) as is_anonymous_claimant,
        coalesce(actors.side, 'unknown') as claimant_side,
        articles.published_at,
        -- pairs are formed and grouped on these numbers rather than on the claim ids' text
        row_number() over (order by claims.claim_id) as claim_number,
        terms.terms,
        terms.numbers,
        terms.words

    from claims
    inner join {{ ref('int_claim_terms') }} as terms on terms.claim_id = claims.claim_id
    left join actors on actors.actor_id = claims.claimant_actor_id
    left join articles on articles.article_id = claims.article_id

),

claim_term_rows as (

    select
        claim_number,
        article_id,
        claimant_actor_id,
        is_anonymous_claimant,
        claimant_side,
        published_at,
        len(terms) as term_count,
        unnest(terms) as term

    from claim_terms

),

blocking_term_rows as (

    select *
    from claim_term_rows
    -- a fixed cap, not a share of the corpus: each term then yields a bounded number of pairs,
    -- so the comparison grows linearly with the number of claims
    qualify count(*) over (partition by term) <= 100

),

candidate_pairs as (

    select
        a.claim_number,
        b.claim_number as linked_claim_number

    from blocking_term_rows as a
    inner join blocking_term_rows as b
        on a.term = b.term
        and a.claim_number < b.claim_number
        and a.article_id <> b.article_id
    -- only pairs the final rules can accept are grouped and reach the fuzzy word comparison,
    -- the costly parts: most term matches are between claims of two different named claimants
    where (
            a.claimant_actor_id = b.claimant_actor_id and least(a.term_count, b.term_count) >= 3
            or (a.claimant_actor_id is null or b.claimant_actor_id is null
                or a.is_anonymous_claimant or b.is_anonymous_claimant)
                and (a.claimant_side = b.claimant_side or 'unknown' in (a.claimant_side, b.claimant_side))
                and least(a.term_count, b.term_count) >= 5
        )
        and (a.published_at is null or b.published_at is null
            or abs(date_diff('day', a.published_at, b.published_at)) <= 7)
    group by a.claim_number, b.claim_number
    having count(*) >= 2

),

scored_pairs as (

    select
        a.claim_id,
        b.claim_id as linked_claim_id,
        a.claimant_actor_id is not distinct from b.claimant_actor_id
            and a.claimant_actor_id is not null as is_same_claimant,
        (a.claimant_actor_id is null or b.claimant_actor_id is null
            or a.is_anonymous_claimant or b.is_anonymous_claimant)
            and (a.claimant_side = b.claimant_side or 'unknown' in (a.claimant_side, b.claimant_side))
            as is_compatible_claimant,
        len(a.terms) as term_count,
        case when len(a.terms) <= len(b.terms)
            then list_has_all(b.numbers, a.numbers)
            else list_has_all(a.numbers, b.numbers)
        end as numbers_agree,
        len(b.terms) as linked_term_count,
        -- a word is found when the other claim has it, or a word within Jaro-Winkler 0.9 of it;
        -- a number only when the other claim has the same number (or, rarely, a close word)
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
    inner join claim_terms as a on a.claim_number = candidate_pairs.claim_number
    inner join claim_terms as b on b.claim_number = candidate_pairs.linked_claim_number

),

measured_pairs as (

    select
        *,
        (terms_found + linked_terms_found) / (term_count + linked_term_count) as similarity,
        greatest(terms_found / term_count, linked_terms_found / linked_term_count) as containment,
        least(term_count, linked_term_count) as shorter_term_count

    from scored_pairs

),

final as (

    select
        claim_id,
        linked_claim_id,
        round(similarity, 3) as similarity,
        round(containment, 3) as containment,
        case when is_same_claimant then 'same claimant' else 'near-identical text' end as link_reason

    from measured_pairs
    where numbers_agree
        and (
            (is_same_claimant and shorter_term_count >= 3 and (containment >= 0.75 or similarity >= 0.6))
            or (is_compatible_claimant and shorter_term_count >= 5 and similarity >= 0.75)
        )

)

select * from final
