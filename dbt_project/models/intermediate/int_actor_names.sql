-- One row per spelling-insensitive actor name (name_key) seen anywhere, with its usual type.
-- Anonymous sources ('a senior official') are scoped to their article: two articles' unnamed
-- officials are not known to be the same person. An office title ('the governor of the Belgorod
-- region') takes its holder's key where int_actor_office_holders finds one, else is scoped too.
with

mentions as (

    select * from {{ ref('stg_extraction__actor_mentions') }}

),

office_holders as (

    select * from {{ ref('int_actor_office_holders') }}

),

keyed as (

    select
        case
            when office_holders.holder_name_key is not null then office_holders.holder_name_key
            when mentions.is_anonymous or starts_with(mentions.name_key, 'office ')
                then mentions.name_key || '@' || mentions.article_id
            else mentions.name_key
        end as name_key,
        mentions.canonical_name,
        mentions.actor_type,
        mentions.is_anonymous,
        mentions.article_id

    from mentions
    left join office_holders
        on office_holders.article_id = mentions.article_id
        and office_holders.office_key = mentions.name_key
    where mentions.name_key <> ''

),

final as (

    select
        name_key,
        coalesce(mode(actor_type) filter (where not is_anonymous), mode(actor_type)) as actor_type,
        coalesce(mode(canonical_name) filter (where not is_anonymous), mode(canonical_name)) as canonical_name,
        -- a named holder's key keeps its name even when unnamed office titles resolve to it
        bool_and(is_anonymous) as is_anonymous,
        len(string_split(name_key, ' ')) as token_count,
        string_split(name_key, ' ')[1] as first_token,
        string_split(name_key, ' ')[-1] as last_token,
        count(*) as mention_count,
        count(distinct article_id) as article_count

    from keyed
    group by 1

)

select * from final
