"""The dbt span test (tests/generic/test_span_matches_text.sql) cuts each span out of a piece of
its article rather than the whole text. Rendered with tiny pieces, it must agree with Python's
slicing on every span of a text with multi-byte characters: spans inside a piece, across piece
boundaries, longer than a piece reaches (cut from the whole text), at the end of the text."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import jinja2
import pytest

TEST_SQL = Path(__file__).parents[1] / "dbt_project" / "tests" / "generic" / "test_span_matches_text.sql"
TEXTS = {
    "a1": "Kyïv — «31 of 35» drones, said Dmytro.\nДніпро: 2 km²!",
    "a2": "short",
}
STEP = 4
REACH = 2  # spans longer than this are cut from the whole text: both ways are checked


def failing_rows(mentions: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int, str]]:
    body = re.search(r"{% test span_matches_text\(.*?\) %}(.*){% endtest %}", TEST_SQL.read_text(), re.S).group(1)
    sql = jinja2.Template(body).render(model="mentions", column_name="surface", text_model="articles",
                                       text_column="body", key="article_id", start_column="char_start",
                                       end_column="char_end", step=STEP, reach=REACH)
    con = duckdb.connect()
    con.execute("create table articles (article_id varchar, body varchar)")
    con.executemany("insert into articles values (?, ?)", list(TEXTS.items()))
    con.execute("create table mentions (article_id varchar, char_start integer, char_end integer, surface varchar)")
    con.executemany("insert into mentions values (?, ?, ?, ?)", mentions)
    return sorted(con.execute(sql).fetchall())


def every_span() -> list[tuple[str, int, int, str]]:
    return [(article_id, start, end, text[start:end])
            for article_id, text in TEXTS.items()
            for start in range(len(text)) for end in range(start + 1, len(text) + 1)]


def test_every_true_span_passes():
    spans = every_span()
    assert any(end - start > 2 * STEP for _, start, end, _ in spans)
    assert failing_rows(spans) == []


@pytest.mark.parametrize("corrupt", [
    lambda a, s, e, t: (a, s, e, t + "x"),
    lambda a, s, e, t: (a, s, e, t[:-1] + ("y" if t[-1] != "y" else "z")),
    lambda a, s, e, t: (a, s + 1, e + 1, t),
], ids=["longer surface", "last character differs", "offsets shifted by one"])
def test_every_wrong_span_fails(corrupt):
    text_length = {article_id: len(text) for article_id, text in TEXTS.items()}
    wrong = [corrupt(*span) for span in every_span()]
    wrong = [(a, s, e, t) for a, s, e, t in wrong if TEXTS[a][s:e] != t or e > text_length[a]]
    assert wrong and failing_rows(wrong) == sorted(wrong)


def test_offsets_outside_the_text_and_unknown_articles_fail():
    bad = [("a1", -1, 2, "Ky"), ("a2", 3, 9, "rt"), ("a2", 2, 2, ""), ("zz", 0, 1, "s")]
    assert failing_rows(bad) == sorted(bad)
