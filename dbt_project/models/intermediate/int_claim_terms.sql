-- Each claim's content terms, what int_claim_links compares: the distinct lower-case ASCII
-- words of three or more letters and the numbers of its text, sorted, function words dropped
-- (they carry no content: 'they were stopped' and 'they were stopped there' then compare on
-- what is said).
--
-- Incremental: a claim's terms depend on its text alone, so a run computes them only for the
-- claims of articles extracted since the last build (the costliest part of the claim links,
-- which otherwise split every claim of the corpus again on each run). Rows of articles since
-- re-extracted with another extractor version are dropped first (macros/extraction_increments.sql).
-- depends_on: {{ ref('stg_extraction__processed_articles') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ drop_rows_of_reextracted_articles() }}",
    )
}}
{%- set stopwords = [
    'a', 'about', 'above', 'after', 'again', 'against', 'all', 'also', 'am', 'an', 'and', 'any',
    'are', 'as', 'at', 'be', 'because', 'been', 'before', 'being', 'below', 'between', 'both',
    'but', 'by', 'can', 'could', 'did', 'do', 'does', 'doing', 'down', 'during', 'each', 'few',
    'for', 'from', 'further', 'had', 'has', 'have', 'having', 'he', 'her', 'here', 'hers',
    'herself', 'him', 'himself', 'his', 'how', 'i', 'if', 'in', 'into', 'is', 'it', 'its',
    'itself', 'just', 'me', 'more', 'most', 'my', 'myself', 'no', 'nor', 'not', 'now', 'of',
    'off', 'on', 'once', 'only', 'or', 'other', 'our', 'ours', 'ourselves', 'out', 'over', 'own',
    'said', 'same', 'says', 'she', 'should', 'so', 'some', 'such', 'than', 'that', 'the',
    'their', 'theirs', 'them', 'themselves', 'then', 'there', 'these', 'they', 'this', 'those',
    'through', 'to', 'too', 'under', 'until', 'up', 'very', 'was', 'we', 'were', 'what', 'when',
    'where', 'which', 'while', 'who', 'whom', 'why', 'will', 'with', 'would', 'you', 'your',
    'yours', 'yourself', 'yourselves', 'near', 'among', 'across', 'around', 'within', 'without',
    'toward', 'towards', 'upon', 'since', 'yet', 'via', 'per', 'one', 'two', 'three'
] %}

with

stopwords as (

    -- one list value, joined once: a list literal inside the lambda is rebuilt for every word
    select ['{{ stopwords | join("', '") }}'] as stopwords

),

claims as (

    select claim_candidate_id as claim_id, article_id, extractor_version, claim_text
    from {{ ref('stg_extraction__claim_candidates') }}
    {{ only_articles_not_yet_built() }}

),

claim_terms as (

    select
        claims.claim_id,
        claims.article_id,
        claims.extractor_version,
        list_sort(list_distinct(list_filter(
            regexp_split_to_array(lower(strip_accents(claims.claim_text)), '[^a-z0-9]+'),
            lambda term: (length(term) >= 3 or regexp_matches(term, '^[0-9]+$'))
                and not list_contains(stopwords.stopwords, term)
        ))) as terms

    from claims
    cross join stopwords

),

final as (

    select
        claim_id,
        article_id,
        extractor_version,
        terms,
        list_filter(terms, lambda term: regexp_matches(term, '^[0-9]+$')) as numbers,
        list_filter(terms, lambda term: not regexp_matches(term, '^[0-9]+$')) as words

    from claim_terms

)

select * from final
