-- Pairs of name keys judged to name the same actor, with the evidence for each merge.
--   * full names: same type, Jaro-Winkler >= 0.92 on the whole key and >= 0.90 on the
--     surname, and the same initial of the given name (so 'alexei smirnov' and
--     'sergei smirnov' stay apart);
--   * a bare surname ('putin') joins the one full name of the same type whose surname it
--     matches, only when exactly one such full name exists in the whole corpus.
with

names as (

    select * from {{ ref('int_actor_names') }}
    where not is_anonymous

),

full_name_pairs as (

    select
        a.name_key as name_key,
        b.name_key as linked_name_key,
        jaro_winkler_similarity(a.name_key, b.name_key) as similarity,
        'fuzzy full name' as link_reason

    from names as a
    inner join names as b
        on a.actor_type = b.actor_type
        and a.name_key < b.name_key
        and left(a.last_token, 1) = left(b.last_token, 1)
        and left(a.first_token, 1) = left(b.first_token, 1)
    where a.token_count >= 2
        and b.token_count >= 2
        and jaro_winkler_similarity(a.name_key, b.name_key) >= 0.92
        and jaro_winkler_similarity(a.last_token, b.last_token) >= 0.90

),

surname_candidates as (

    select
        short.name_key as name_key,
        full_name.name_key as linked_name_key,
        jaro_winkler_similarity(short.name_key, full_name.last_token) as similarity,
        count(*) over (partition by short.name_key) as candidate_count

    from names as short
    inner join names as full_name
        on short.actor_type = full_name.actor_type
        and left(short.name_key, 1) = left(full_name.last_token, 1)
    where short.token_count = 1
        and short.actor_type = 'person'
        and full_name.token_count >= 2
        and jaro_winkler_similarity(short.name_key, full_name.last_token) >= 0.92

),

surname_pairs as (

    select
        name_key,
        linked_name_key,
        similarity,
        'unambiguous surname' as link_reason

    from surname_candidates
    where candidate_count = 1

),

final as (

    select * from full_name_pairs
    union all
    select * from surname_pairs

)

select * from final
