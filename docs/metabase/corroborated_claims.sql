-- Metabase native question: Claims and their independent sources
-- Visualization: Table
-- Variables: min_sources (Number, optional, e.g. 2)
select
    claimant_name,
    claimant_side,
    claim_text,
    article_count,
    independent_source_count,
    relay_names,
    first_published_at
from marts.claim_corroboration
where article_count >= 2
    [[and independent_source_count >= {{min_sources}}]]
order by independent_source_count desc, article_count desc
