{#-
    Provenance invariant: every extracted row's offsets point at its surface text in the
    article body, i.e. body[char_start:char_end] == surface in Python terms.
    DuckDB's substring counts Unicode code points from 1, as Python counts them from 0.
-#}
{% test span_matches_text(model, column_name, text_model, text_column='body', key='article_id',
                          start_column='char_start', end_column='char_end') %}
with texts as (

    -- length() counts code points, a scan of the whole text: once per text, not per row
    select {{ key }}, {{ text_column }} as text, length({{ text_column }}) as text_length
    from {{ text_model }}

)

select m.*
from {{ model }} as m
left join texts as t on t.{{ key }} = m.{{ key }}
where t.{{ key }} is null
   or m.{{ start_column }} < 0
   or m.{{ end_column }} > t.text_length
   or m.{{ end_column }} <= m.{{ start_column }}
   or substring(t.text, m.{{ start_column }} + 1, m.{{ end_column }} - m.{{ start_column }})
      is distinct from m.{{ column_name }}
{% endtest %}
