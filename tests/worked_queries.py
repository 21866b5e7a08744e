"""The analyst SQL kept in docs/: the worked queries and the Metabase native questions."""
from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"
QUERIES_FILE = DOCS / "queries.sql"
METABASE_DIR = DOCS / "metabase"

# Sample values for the Metabase questions' variables ({{name}}), as Metabase would substitute them.
METABASE_VALUES = {"place": "'Kursk'", "side": "'ukraine'", "unit": "'count'", "since": "date '2020-01-01'",
                   "min_sources": "2", "country": "'RU'"}


def worked_queries() -> dict[str, str]:
    """name -> SQL, from the `-- name:` blocks of docs/queries.sql."""
    blocks = re.split(r"^-- name: ", QUERIES_FILE.read_text(), flags=re.MULTILINE)[1:]
    return {block.splitlines()[0].strip(): block.split("\n", 1)[1].strip() for block in blocks}


def metabase_questions() -> dict[str, str]:
    return {path.stem: path.read_text() for path in sorted(METABASE_DIR.glob("*.sql"))}


def without_optional_clauses(sql: str) -> str:
    """The question as Metabase runs it with every optional variable left empty."""
    return re.sub(r"\[\[.*?\]\]", "", sql, flags=re.DOTALL)


def with_variables(sql: str) -> str:
    """The question as Metabase runs it with every variable set: [[...]] kept, {{x}} substituted."""
    sql = re.sub(r"\[\[(.*?)\]\]", r"\1", sql, flags=re.DOTALL)
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: METABASE_VALUES[m.group(1)], sql)
