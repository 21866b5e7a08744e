-- Inputs whose text was already stored under another source: recorded here, never loaded twice.
with

duplicates as (

    select * from {{ ref('stg_raw__duplicates') }}

),

final as (

    select
        source_key,
        source_name,
        duplicate_of_article_id,
        detected_at

    from duplicates

)

select * from final
