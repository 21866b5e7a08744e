{{ config(schema='intermediate') }}
-- Where each claim's text came from, as one independence key per claim, so that copies of one
-- wire story count once. In order of precedence:
--   1. the claim names a relay: a media intermediary or wire agency ('told AFP', 'Reuters reports');
--   2. the same speaker names exactly one relay elsewhere in the article ('..., he said' after
--      '... told AFP'): the whole interview came through it;
--   3. the article carries a wire dateline ('KYIV (AFP) -');
--   4. the article's outlet (a wire agency outlet maps to the same key as a relay through it);
--   5. otherwise the article itself (outlet unknown: counted as a source of its own).
-- Names are keyed without case, accents, punctuation, a leading 'the' or a web domain suffix, so
-- 'Reuters', 'reuters.com' and 'Thomson Reuters' meet, and so do 'The Guardian' and 'theguardian.com'.
with

claims as (

    select claim_id, article_id, claimant_actor_id, via_actor_id from {{ ref('claims') }}

),

actors as (

    select actor_id, actor_name, actor_type from {{ ref('actors') }}

),

articles as (

    select article_id, outlet, body from {{ ref('articles') }}

),

wire_agency_names as (

    select * from (values
        ('afp', 'AFP'), ('agencefrancepresse', 'AFP'), ('francepresse', 'AFP'),
        ('reuters', 'Reuters'), ('thomsonreuters', 'Reuters'),
        ('ap', 'AP'), ('associatedpress', 'AP'), ('apnews', 'AP'),
        ('interfax', 'Interfax'), ('interfaxukraine', 'Interfax-Ukraine'),
        ('tass', 'TASS'), ('ria', 'RIA Novosti'), ('rianovosti', 'RIA Novosti'),
        ('ukrinform', 'Ukrinform'), ('unian', 'UNIAN'),
        ('dpa', 'dpa'), ('deutschepresseagentur', 'dpa'),
        ('efe', 'EFE'), ('ansa', 'ANSA'), ('xinhua', 'Xinhua'),
        ('anadolu', 'Anadolu'), ('anadoluagency', 'Anadolu'), ('aa', 'Anadolu'),
        ('pap', 'PAP'), ('upi', 'UPI'), ('kyodo', 'Kyodo'), ('yonhap', 'Yonhap')
    ) as wire(name_key, wire_agency)

),

article_credits as (

    select
        article_id,
        outlet,
        nullif(regexp_extract(
            left(body, 400),
            '\(\s*(AFP|Reuters|AP|Agence France-Presse|Associated Press|dpa|EFE|ANSA|Xinhua|Interfax|TASS|Ukrinform|UNIAN)\s*\)',
            1
        ), '') as dateline_credit

    from articles

),

source_names as (

    select actor_name as source_name from actors
    union
    select outlet from article_credits where outlet is not null
    union
    select dateline_credit from article_credits where dateline_credit is not null

),

source_name_keys as (

    select
        source_name,
        nullif(regexp_replace(
            regexp_replace(
                regexp_replace(
                    lower(strip_accents(source_name)),
                    '\([^)]*\)|^https?://|^www\.|(\.[a-z]{2,6})+/?\s*$', '', 'g'
                ),
                '[^a-z0-9]+', '', 'g'
            ),
            '^the', ''
        ), '') as name_key

    from source_names

),

source_keys as (

    select
        source_name_keys.source_name,
        wire_agency_names.wire_agency,
        'source:' || coalesce(lower(wire_agency_names.wire_agency), source_name_keys.name_key) as source_key

    from source_name_keys
    left join wire_agency_names using (name_key)
    where source_name_keys.name_key is not null

),

relay_actors as (

    select
        actors.actor_id,
        source_keys.source_key

    from actors
    inner join source_keys on source_keys.source_name = actors.actor_name
    where actors.actor_type = 'media' or source_keys.wire_agency is not null

),

article_sources as (

    select
        article_credits.article_id,
        article_credits.outlet,
        dateline.source_key as dateline_source_key,
        outlet.source_key as outlet_source_key,
        outlet.wire_agency as outlet_wire_agency

    from article_credits
    left join source_keys as dateline on dateline.source_name = article_credits.dateline_credit
    left join source_keys as outlet on outlet.source_name = article_credits.outlet

),

claim_relays as (

    select
        claims.*,
        relay_actors.actor_id as relay_actor_id,
        relay_actors.source_key as relay_source_key

    from claims
    left join relay_actors on relay_actors.actor_id = claims.via_actor_id

),

speaker_relays as (

    select
        article_id,
        claimant_actor_id,
        min(relay_actor_id) as relay_actor_id,
        min(relay_source_key) as relay_source_key

    from claim_relays
    where claimant_actor_id is not null and relay_actor_id is not null
    group by article_id, claimant_actor_id
    having count(distinct relay_source_key) = 1

),

final as (

    select
        claim_relays.claim_id,
        claim_relays.article_id,
        claim_relays.claimant_actor_id,
        coalesce(claim_relays.relay_actor_id, speaker_relays.relay_actor_id) as relay_actor_id,
        coalesce(
            claim_relays.relay_source_key,
            speaker_relays.relay_source_key,
            article_sources.dateline_source_key,
            article_sources.outlet_source_key,
            'article:' || claim_relays.article_id
        ) as source_key,
        case
            when claim_relays.relay_source_key is not null then 'relay named in claim'
            when speaker_relays.relay_source_key is not null then 'relay named for speaker'
            when article_sources.dateline_source_key is not null then 'wire dateline'
            when article_sources.outlet_wire_agency is not null then 'wire outlet'
            when article_sources.outlet_source_key is not null then 'outlet'
            else 'unknown outlet'
        end as source_kind,
        article_sources.outlet

    from claim_relays
    left join speaker_relays
        on speaker_relays.article_id = claim_relays.article_id
        and speaker_relays.claimant_actor_id = claim_relays.claimant_actor_id
    left join article_sources on article_sources.article_id = claim_relays.article_id

)

select * from final
