{{ config(schema='intermediate') }}
-- Connected components over the claim links: every claim gets the smallest claim id of its
-- component, and the cluster id is derived from that. An unlinked claim is its own cluster.
with recursive

claims as (

    select claim_id from {{ ref('claims') }}

),

links as (

    select claim_id, linked_claim_id from {{ ref('int_claim_links') }}

),

edges as (

    select claim_id as from_claim_id, linked_claim_id as to_claim_id from links
    union
    select linked_claim_id as from_claim_id, claim_id as to_claim_id from links

),

reachable(claim_id, reached_claim_id) as (

    select claim_id, claim_id from claims
    union
    select reachable.claim_id, edges.to_claim_id
    from reachable
    inner join edges on edges.from_claim_id = reachable.reached_claim_id

),

final as (

    select
        claim_id,
        min(reached_claim_id) as cluster_key,
        'clu_' || left(md5(min(reached_claim_id)), 12) as cluster_id

    from reachable
    group by claim_id

)

select * from final
