{#-
    Provenance invariant: every extracted row's offsets point at its surface text in the
    article body, i.e. body[char_start:char_end] == surface in Python terms.
    DuckDB's substring counts Unicode code points from 1, as Python counts them from 0.

    substring() walks a non-ASCII text from its start to the offset, so cutting every row out of
    its whole article cost time in proportion to the article's length, per row: on 2,000 articles
    the four span tests took 3 s of a 12 s build. A span of up to `reach` characters (every
    mention, nearly every claim) is cut instead from a piece of its article: pieces of
    step + reach characters start every `step` characters, so such a span lies whole in the piece
    that starts at or before it. Longer spans are cut from the whole text. The pieces hold the
    text 1.5 times, so a test needs about 30 MB more than cutting from whole texts on 2,000
    articles (110 MB rather than 80 MB), and runs three times faster.
-#}
{% test span_matches_text(model, column_name, text_model, text_column='body', key='article_id',
                          start_column='char_start', end_column='char_end', step=4000, reach=2000) %}
with texts as (

    select {{ key }}, {{ text_column }} as text, length({{ text_column }}) as text_length
    from {{ text_model }}

),

piece_starts as (

    select {{ key }}, text, unnest(range(0, text_length, {{ step }})) as piece_start
    from texts

),

pieces as (

    select {{ key }}, piece_start, substring(text, piece_start + 1, {{ step + reach }}) as piece
    from piece_starts

),

spans as (

    select m.*, m.{{ end_column }} - m.{{ start_column }} > {{ reach }} as is_long
    from {{ model }} as m

),

short_span_failures as (

    select m.*
    from spans as m
    left join (select {{ key }}, text_length from texts) as t on t.{{ key }} = m.{{ key }}
    left join pieces as p
        on p.{{ key }} = m.{{ key }}
        and p.piece_start = m.{{ start_column }} // {{ step }} * {{ step }}
    where not m.is_long and (
        t.{{ key }} is null
        or m.{{ start_column }} < 0
        or m.{{ end_column }} > t.text_length
        or m.{{ end_column }} <= m.{{ start_column }}
        or substring(p.piece, m.{{ start_column }} - p.piece_start + 1, m.{{ end_column }} - m.{{ start_column }})
           is distinct from m.{{ column_name }})

),

long_span_failures as (

    select m.*
    from spans as m
    left join texts as t on t.{{ key }} = m.{{ key }}
    where m.is_long and (
        t.{{ key }} is null
        or m.{{ start_column }} < 0
        or m.{{ end_column }} > t.text_length
        or substring(t.text, m.{{ start_column }} + 1, m.{{ end_column }} - m.{{ start_column }})
           is distinct from m.{{ column_name }})

)

select * exclude (is_long) from short_span_failures
union all
select * exclude (is_long) from long_span_failures
{% endtest %}
