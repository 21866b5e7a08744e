with

source as (

    select * from {{ source('reference', 'gazetteer') }}

)

select
    place_key,
    place_name,
    place_type,
    country_code,
    latitude,
    longitude,
    geonames_id,
    population,
    admin1_code

from source
