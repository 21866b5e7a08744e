{#- The `sync` incremental strategy: the model's SQL computes the whole table, as a table model
    would, into a temporary table (in memory, never written to the file); only the rows that
    differ are then written. Rows of the table that the new result no longer has, or has with other
    values, are deleted; rows it has that the table lacks are inserted. The table then holds
    exactly the model's result, as after a full rebuild.

    Why: most of a mart's rows are the same from one run to the next (a daily run adds 1% of the
    articles), and writing a table (compressing it, committing it, checkpointing it) costs more
    than computing it. A whole-table model that merges actors or re-links claims cannot know in
    advance which rows its inputs change; comparing is cheap. Configure with
        materialized='incremental', incremental_strategy='sync', unique_key=<key column(s)> -#}

{% macro get_incremental_sync_sql(arg_dict) %}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set computed = arg_dict['temp_relation'] -%}
    {%- set keys = arg_dict['unique_key'] if arg_dict['unique_key'] is not string else [arg_dict['unique_key']] -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    {%- set changed = computed.identifier ~ '__changed' -%}

    create or replace temporary table {{ changed }} as
    select {{ columns }} from {{ computed }}
    except
    select {{ columns }} from {{ target }};

    delete from {{ target }}
    where not exists (
            select 1 from {{ computed }}
            where {% for key in keys %}{{ computed }}.{{ key }} = {{ target }}.{{ key }}{{ ' and ' if not loop.last }}{% endfor %}
        )
        or exists (
            select 1 from {{ changed }}
            where {% for key in keys %}{{ changed }}.{{ key }} = {{ target }}.{{ key }}{{ ' and ' if not loop.last }}{% endfor %}
        );

    insert into {{ target }} ({{ columns }})
    select {{ columns }} from {{ changed }};

    drop table {{ changed }};
    drop table {{ computed }}
{% endmacro %}
