-- Titles of place-bound offices ('the governor of the Belgorod region'), which the extraction
-- keys by office ('office governor belhorod'), with the name key of the person holding them:
--   * in an article that names the holder ('Belgorod Governor X'), that holder;
--   * in any other article, the one holder named for the office in articles published within a
--     year of it (or undated). Offices change hands: a title from another year is not matched to
--     today's holder, and two named holders in that window (a successor, a namesake) resolve to
--     none, so two named people never merge through an office.
-- Unresolved office titles stay unnamed people of their article.
with

mentions as (

    select * from {{ ref('stg_extraction__actor_mentions') }}

),

articles as (

    select article_id, published_at from {{ ref('stg_raw__articles') }}

),

office_mentions as (

    select distinct
        article_id,
        name_key as office_key,
        canonical_name,
        is_anonymous

    from mentions
    where starts_with(name_key, 'office ')

),

named_people as (

    select distinct article_id, canonical_name, name_key

    from mentions
    where actor_type = 'person'
        and not is_anonymous
        and mention_kind = 'name'
        and not starts_with(name_key, 'office ')

),

holders_in_article as (

    select
        office_mentions.article_id,
        office_mentions.office_key,
        any_value(named_people.name_key) as holder_name_key

    from office_mentions
    inner join named_people
        on named_people.article_id = office_mentions.article_id
        and named_people.canonical_name = office_mentions.canonical_name
    where not office_mentions.is_anonymous
    group by 1, 2
    having count(distinct named_people.name_key) = 1

),

holders_nearby as (

    select
        office_mentions.article_id,
        office_mentions.office_key,
        any_value(holders_in_article.holder_name_key) as holder_name_key

    from office_mentions
    inner join holders_in_article on holders_in_article.office_key = office_mentions.office_key
    left join articles as title_article on title_article.article_id = office_mentions.article_id
    left join articles as holder_article on holder_article.article_id = holders_in_article.article_id
    where title_article.published_at is null
        or holder_article.published_at is null
        or abs(date_diff('day', title_article.published_at, holder_article.published_at)) <= 365
    group by 1, 2
    having count(distinct holders_in_article.holder_name_key) = 1

),

final as (

    select distinct
        office_mentions.article_id,
        office_mentions.office_key,
        coalesce(holders_in_article.holder_name_key, holders_nearby.holder_name_key) as holder_name_key,
        case
            when holders_in_article.holder_name_key is not null then 'named in article'
            else 'only holder within a year'
        end as resolution

    from office_mentions
    left join holders_in_article
        on holders_in_article.article_id = office_mentions.article_id
        and holders_in_article.office_key = office_mentions.office_key
    left join holders_nearby
        on holders_nearby.article_id = office_mentions.article_id
        and holders_nearby.office_key = office_mentions.office_key
    where coalesce(holders_in_article.holder_name_key, holders_nearby.holder_name_key) is not null

)

select * from final
