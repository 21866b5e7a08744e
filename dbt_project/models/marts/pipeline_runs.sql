{{ config(materialized='view') }}
-- A view, so the row of the run that is publishing shows up as soon as it is written.
with

runs as (

    select * from {{ ref('stg_raw__pipeline_runs') }}

)

select * from runs
