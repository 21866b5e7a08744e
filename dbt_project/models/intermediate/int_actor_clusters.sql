-- Connected components over the name links: every name key gets the smallest key of its
-- component as cluster key, and the actor id is derived from that.
with recursive

names as (

    select name_key from {{ ref('int_actor_names') }}

),

links as (

    select name_key, linked_name_key from {{ ref('int_actor_name_links') }}

),

edges as (

    select name_key as from_key, linked_name_key as to_key from links
    union
    select linked_name_key as from_key, name_key as to_key from links

),

reachable(name_key, reached_key) as (

    select name_key, name_key from names
    union
    select reachable.name_key, edges.to_key
    from reachable
    inner join edges on edges.from_key = reachable.reached_key

),

final as (

    select
        name_key,
        min(reached_key) as cluster_key,
        'act_' || left(md5(min(reached_key)), 12) as actor_id

    from reachable
    group by name_key

)

select * from final
