-- One row per resolved actor over the current articles: display name, type, side, aliases.
-- The side comes only from mentions that carried evidence for it; 'unknown' otherwise.
with

mentions as (

    select * from {{ ref('int_actor_mentions_resolved') }}

),

current_articles as (

    select article_id from {{ ref('int_articles_current') }}

),

current_mentions as (

    select mentions.* from mentions inner join current_articles using (article_id)

),

names_ranked as (

    select
        actor_id,
        canonical_name,
        row_number() over (
            partition by actor_id
            order by bool_and(is_anonymous), count(*) desc, length(canonical_name) desc, canonical_name
        ) as name_rank

    from current_mentions
    group by actor_id, canonical_name

),

sides as (

    select
        actor_id,
        mode(side) filter (where side <> 'unknown') as evidenced_side,
        string_agg(distinct side_evidence, '; ' order by side_evidence)
            filter (where side_evidence is not null) as side_evidence

    from current_mentions
    group by actor_id

),

final as (

    select
        current_mentions.actor_id,
        any_value(names_ranked.canonical_name) as actor_name,
        mode(current_mentions.actor_type) as actor_type,
        coalesce(any_value(sides.evidenced_side), 'unknown') as side,
        any_value(sides.side_evidence) as side_evidence,
        -- names and descriptions only: a pronoun ('he') is a mention, not an alias
        coalesce(list_sort(list_distinct(list(current_mentions.surface)
            filter (where current_mentions.mention_kind <> 'pronoun'))), []) as aliases,
        count(*)::integer as mention_count,
        count(distinct current_mentions.article_id)::integer as article_count,
        -- unnamed office titles resolved to a named holder do not make him anonymous
        bool_and(current_mentions.is_anonymous) as is_anonymous

    from current_mentions
    inner join names_ranked
        on names_ranked.actor_id = current_mentions.actor_id and names_ranked.name_rank = 1
    left join sides on sides.actor_id = current_mentions.actor_id
    group by current_mentions.actor_id

)

select * from final
