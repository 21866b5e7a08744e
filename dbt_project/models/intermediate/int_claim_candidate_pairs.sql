-- Pairs of claims that int_claim_links compares: claims in different articles sharing two or
-- more blocking terms (content terms found in at most 100 claims: a fixed cap, not a share of
-- the corpus, so each term yields a bounded number of pairs and the comparison grows linearly
-- with the number of claims). Only what does not depend on who the claimants are is decided
-- here: both claims have 3 or more terms (no link rule accepts fewer), and when both articles
-- are dated they are at most 7 days apart (the same words a year later are a new statement).
-- Built from the claims' terms alone, it runs early in the build, beside actor resolution.
with

articles as (

    select article_id, published_at from {{ ref('int_articles_current') }}

),

claims as (

    select
        terms.claim_id,
        terms.article_id,
        terms.terms,
        articles.published_at,
        -- pairs are formed and grouped on these numbers rather than on the claim ids' text
        row_number() over (order by terms.claim_id) as claim_number

    from {{ ref('int_claim_terms') }} as terms
    inner join articles on articles.article_id = terms.article_id

),

claim_term_rows as (

    select claim_number, article_id, len(terms) as term_count, unnest(terms) as term from claims

),

blocking_term_rows as (

    select claim_number, article_id, term, term_count
    from claim_term_rows
    -- counted over every claim, short ones included
    qualify count(*) over (partition by term) <= 100

),

comparable_term_rows as (

    select claim_number, article_id, term from blocking_term_rows where term_count >= 3

),

shared_term_pairs as (

    select
        a.claim_number,
        b.claim_number as linked_claim_number

    from comparable_term_rows as a
    inner join comparable_term_rows as b
        on a.term = b.term
        and a.claim_number < b.claim_number
        and a.article_id <> b.article_id
    group by a.claim_number, b.claim_number
    having count(*) >= 2

),

final as (

    select
        a.claim_id,
        b.claim_id as linked_claim_id

    from shared_term_pairs
    inner join claims as a on a.claim_number = shared_term_pairs.claim_number
    inner join claims as b on b.claim_number = shared_term_pairs.linked_claim_number
    where a.published_at is null or b.published_at is null
        or abs(date_diff('day', a.published_at, b.published_at)) <= 7

)

select * from final
