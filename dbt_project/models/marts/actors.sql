with

actors as (

    select * from {{ ref('int_actors_resolved') }}

),

final as (

    select
        actor_id,
        actor_name,
        actor_type,
        side,
        side_evidence,
        aliases,
        mention_count,
        article_count,
        is_anonymous

    from actors

)

select * from final
