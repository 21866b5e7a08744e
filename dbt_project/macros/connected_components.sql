{% macro connected_components(nodes, node, links, linked) %}
{#- Connected components of an undirected graph given as links (`node` -> `linked` in `links`):
    every node of `nodes` gets the smallest node it reaches as `component_key`; a node without
    links is its own component. -#}
    with recursive

    edges as (

        select {{ node }} as from_node, {{ linked }} as to_node from {{ links }}
        union
        select {{ linked }} as from_node, {{ node }} as to_node from {{ links }}

    ),

    reachable(node, reached) as (

        select {{ node }}, {{ node }} from {{ nodes }}
        union
        select reachable.node, edges.to_node
        from reachable
        inner join edges on edges.from_node = reachable.reached

    )

    select node as {{ node }}, min(reached) as component_key
    from reachable
    group by node
{% endmacro %}
