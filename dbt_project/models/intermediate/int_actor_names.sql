-- One row per spelling-insensitive actor name (name_key) seen anywhere, with its usual type.
-- Anonymous sources ('a senior official') are scoped to their article: two articles' unnamed
-- officials are not known to be the same person.
with

mentions as (

    select * from {{ ref('stg_extraction__actor_mentions') }}

),

keyed as (

    select
        case when is_anonymous then name_key || '@' || article_id else name_key end as name_key,
        canonical_name,
        actor_type,
        is_anonymous,
        article_id

    from mentions
    where name_key <> ''

),

final as (

    select
        name_key,
        mode(actor_type) as actor_type,
        mode(canonical_name) as canonical_name,
        bool_or(is_anonymous) as is_anonymous,
        len(string_split(name_key, ' ')) as token_count,
        string_split(name_key, ' ')[1] as first_token,
        string_split(name_key, ' ')[-1] as last_token,
        count(*) as mention_count,
        count(distinct article_id) as article_count

    from keyed
    group by 1

)

select * from final
