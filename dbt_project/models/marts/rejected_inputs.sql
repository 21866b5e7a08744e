with

rejected as (

    select * from {{ ref('stg_raw__rejected_inputs') }}

)

select
    source_name,
    reason_code,
    detail,
    detected_at,
    content_hash,
    run_id

from rejected
