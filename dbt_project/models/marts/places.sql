with

mentions as (

    select * from {{ ref('int_place_mentions_resolved') }}

),

current_articles as (

    select article_id from {{ ref('int_articles_current') }}

),

final as (

    select
        place_id,
        any_value(place_name) as place_name,
        any_value(place_type) as place_type,
        any_value(country_code) as country_code,
        any_value(latitude) as latitude,
        any_value(longitude) as longitude,
        any_value(geonames_id) as geonames_id,
        any_value(population) as population,
        any_value(place_precision) as place_precision,
        count(*)::integer as mention_count,
        count(distinct article_id)::integer as article_count

    from mentions
    inner join current_articles using (article_id)
    group by place_id

)

select * from final
