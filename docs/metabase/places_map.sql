-- Metabase native question: Places on a map
-- Visualization: Map, type Pin map, latitude = latitude, longitude = longitude
-- Variables: country (Text, optional, ISO code such as UA)
select
    place_name,
    place_type,
    country_code,
    latitude,
    longitude,
    sum(mention_count) as mentions,
    sum(claim_count) as claims,
    sum(figure_count) as figures
from marts.place_activity
where latitude is not null
    [[and country_code = {{country}}]]
group by place_name, place_type, country_code, latitude, longitude
order by mentions desc
