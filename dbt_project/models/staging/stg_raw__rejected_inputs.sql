with

source as (

    select * from {{ source('raw', 'rejected_inputs') }}

)

select
    source_name,
    reason_code,
    detail,
    content_hash,
    detected_at,
    run_id

from source
