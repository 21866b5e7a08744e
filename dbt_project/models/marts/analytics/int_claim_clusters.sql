{{ config(schema='intermediate') }}
-- Connected components over the claim links: every claim gets the smallest claim id of its
-- component, and the cluster id is derived from that. An unlinked claim is its own cluster.
with

components as (

    {{ connected_components(ref('claims'), 'claim_id', ref('int_claim_links'), 'linked_claim_id') }}

),

final as (

    select
        claim_id,
        component_key as cluster_key,
        'clu_' || left(md5(component_key), 12) as cluster_id

    from components

)

select * from final
