{#-
    Provenance invariant: every extracted row's offsets point at its surface text in the
    article body, i.e. body[char_start:char_end] == surface in Python terms.
    DuckDB's substring counts Unicode code points from 1, as Python counts them from 0.

    substring() walks a text from its start to the offset, so cutting every row out of its whole
    article cost time in proportion to the article's length, per row: on 2,000 articles the four
    span tests took 3 s of a 12 s build. Each row is cut from a piece of its article instead:
    pieces of 2 * step characters start every step characters, so a span of up to step
    characters lies whole in the piece that starts at or before it. Longer spans are cut from
    the whole text.
-#}
{% test span_matches_text(model, column_name, text_model, text_column='body', key='article_id',
                          start_column='char_start', end_column='char_end', step=2000) %}
with texts as (

    -- length() counts code points, a scan of the whole text: once per text, not per row
    select {{ key }}, {{ text_column }} as text, length({{ text_column }}) as text_length
    from {{ text_model }}

),

piece_starts as (

    select {{ key }}, text, unnest(range(0, text_length, {{ step }})) as piece_start
    from texts

),

pieces as (

    select {{ key }}, piece_start, substring(text, piece_start + 1, {{ 2 * step }}) as piece
    from piece_starts

)

select m.*
from {{ model }} as m
left join texts as t on t.{{ key }} = m.{{ key }}
left join pieces as p
    on p.{{ key }} = m.{{ key }}
    and p.piece_start = m.{{ start_column }} // {{ step }} * {{ step }}
where t.{{ key }} is null
   or m.{{ start_column }} < 0
   or m.{{ end_column }} > t.text_length
   or m.{{ end_column }} <= m.{{ start_column }}
   or case
          when m.{{ end_column }} - p.piece_start <= {{ 2 * step }}
              then substring(p.piece, m.{{ start_column }} - p.piece_start + 1,
                             m.{{ end_column }} - m.{{ start_column }})
          else substring(t.text, m.{{ start_column }} + 1, m.{{ end_column }} - m.{{ start_column }})
      end is distinct from m.{{ column_name }}
{% endtest %}
