{#- Schemas are named literally (marts, not main_marts): analysts write `select * from marts.claims`. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ custom_schema_name | trim if custom_schema_name is not none else target.schema }}
{%- endmacro %}
