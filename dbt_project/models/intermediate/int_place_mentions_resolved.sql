-- Place mentions with their gazetteer entry; the gazetteer's canonical attributes win over
-- what the extractor copied, and an entry missing from the gazetteer keeps the extractor's.
{{ config(materialized='incremental', incremental_strategy='sync', unique_key='mention_id',
          on_schema_change='fail') }}

with

mentions as (

    select * from {{ ref('stg_extraction__place_mentions') }}

),

gazetteer as (

    select * from {{ ref('stg_reference__gazetteer') }}

),

final as (

    select
        mentions.mention_id,
        mentions.article_id,
        mentions.place_key as place_id,
        mentions.char_start,
        mentions.char_end,
        mentions.surface,
        coalesce(gazetteer.place_name, mentions.place_name) as place_name,
        coalesce(gazetteer.place_type, mentions.place_type) as place_type,
        coalesce(gazetteer.country_code, mentions.country_code) as country_code,
        coalesce(gazetteer.latitude, mentions.latitude) as latitude,
        coalesce(gazetteer.longitude, mentions.longitude) as longitude,
        coalesce(gazetteer.geonames_id, mentions.geonames_id) as geonames_id,
        gazetteer.population,
        mentions.place_precision,
        mentions.resolution_score,
        gazetteer.place_key is not null as is_in_gazetteer

    from mentions
    left join gazetteer on gazetteer.place_key = mentions.place_key

)

select * from final
