with

source as (

    select * from {{ source('raw', 'pipeline_runs') }}

)

select
    run_id,
    started_at,
    finished_at,
    status as run_status,
    articles_added,
    versions_added,
    duplicates as duplicates_found,
    rejected as inputs_rejected,
    articles_extracted,
    checks_passed,
    checks_failed,
    is_published,
    detail

from source
