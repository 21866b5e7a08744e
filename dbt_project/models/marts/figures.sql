{{ config(materialized='incremental', incremental_strategy='sync', unique_key='figure_id',
          on_schema_change='fail') }}

with

figures as (

    select * from {{ ref('int_figures_linked') }}

),

current_articles as (

    select article_id from {{ ref('int_articles_current') }}

),

final as (

    select
        figures.figure_id,
        figures.article_id,
        figures.claim_id,
        figures.surface,
        figures.value,
        figures.value_high,
        figures.unit,
        figures.counts,
        figures.qualifier,
        figures.direction,
        figures.place_id,
        figures.char_start,
        figures.char_end

    from figures
    inner join current_articles using (article_id)

)

select * from final
