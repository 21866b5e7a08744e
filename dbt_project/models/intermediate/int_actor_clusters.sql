-- Connected components over the name links: every name key gets the smallest key of its
-- component as cluster key, and the actor id is derived from that.
with

components as (

    {{ connected_components(ref('int_actor_names'), 'name_key', ref('int_actor_name_links'), 'linked_name_key') }}

),

final as (

    select
        name_key,
        component_key as cluster_key,
        'act_' || left(md5(component_key), 12) as actor_id

    from components

)

select * from final
