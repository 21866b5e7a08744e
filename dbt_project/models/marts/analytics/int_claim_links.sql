{{ config(schema='intermediate') }}
-- Pairs of claims in different articles that state the same thing, with the evidence.
--   * same claimant (the resolved actor): 75% of the shorter claim's content words are found
--     in the other (a trimmed quote), or 60% of both claims' words are;
--   * no conflicting claimants (one unnamed, anonymous or unresolved, on compatible sides):
--     the texts are near-identical (75% of both claims' words, 5 or more words each);
--   * either way, every number of the shorter claim appears in the longer ('40 drones' and
--     '41 drones' are two claims, which figure_disputes may oppose).
-- The pairs compared and how much of their content they share come from
-- int_claim_candidate_pairs (shared rare words, dates at most 7 days apart) and
-- int_claim_pair_scores (fuzzy word matches), which depend on the texts alone; here the
-- claimants decide. Only this last step waits for actor resolution.
with

claims as (

    select claim_id, claimant_actor_id from {{ ref('int_claims_attributed') }}

),

actors as (

    select actor_id, side, is_anonymous from {{ ref('int_actors_resolved') }}

),

claimants as (

    select
        claims.claim_id,
        claims.claimant_actor_id,
        coalesce(actors.is_anonymous, false) as is_anonymous_claimant,
        coalesce(actors.side, 'unknown') as claimant_side

    from claims
    left join actors on actors.actor_id = claims.claimant_actor_id

),

scored_pairs as (

    select
        pairs.claim_id,
        pairs.linked_claim_id,
        a.claimant_actor_id is not distinct from b.claimant_actor_id
            and a.claimant_actor_id is not null as is_same_claimant,
        (a.claimant_actor_id is null or b.claimant_actor_id is null
            or a.is_anonymous_claimant or b.is_anonymous_claimant)
            and (a.claimant_side = b.claimant_side or 'unknown' in (a.claimant_side, b.claimant_side))
            as is_compatible_claimant,
        scores.term_count,
        scores.linked_term_count,
        scores.numbers_agree,
        scores.terms_found,
        scores.linked_terms_found

    from {{ ref('int_claim_candidate_pairs') }} as pairs
    inner join {{ ref('int_claim_pair_scores') }} as scores
        on scores.claim_id = pairs.claim_id
        and scores.linked_claim_id = pairs.linked_claim_id
    inner join claimants as a on a.claim_id = pairs.claim_id
    inner join claimants as b on b.claim_id = pairs.linked_claim_id

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
