"""Serve the published warehouse over the PostgreSQL wire protocol with buenavista.

Any client with a PostgreSQL driver (psql, psycopg, SQLAlchemy's postgresql dialect, BI tools)
can then query the marts. The DuckDB file is opened read-only, file access from SQL
(``read_csv``, ``COPY ... TO``, ``ATTACH``) is switched off and locked, and every connection
must give the password (PostgreSQL md5 authentication).

buenavista translates PostgreSQL SQL to DuckDB with sqlglot. The gaps clients hit on connect
are closed here: psql's catalog idioms (``OPERATOR(pg_catalog.~)``, ``pg_get_userbyid``,
``::regclass`` casts), the ``SHOW``/``current_setting`` probes of drivers (server version,
isolation level, ...), and two buenavista 0.5 bugs: text parameters of unspecified type were
parsed as dates (``where stance = $1`` failed and dropped the connection), and any statement
containing the letters 'commit' or 'begin' (``select 'read committed'``, a search for 'begin')
was taken for transaction control.
"""
from __future__ import annotations

import io
import re
import secrets
import struct
from dataclasses import dataclass
from pathlib import Path

import duckdb
from buenavista import bv_dialects, postgres, rewrite
from buenavista.backends.duckdb import DuckDBConnection, DuckDBQueryResult, DuckDBSession

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5433
DEFAULT_USER = "analyst"
# What PostgreSQL clients are told they are talking to: a version every driver accepts.
ANNOUNCED_VERSION = "14.0"
ANNOUNCED_VERSION_NUM = "140000"

# Settings PostgreSQL clients read with SHOW on connect, and the answers a stock server gives.
ANNOUNCED_SETTINGS = {
    "server_version": ANNOUNCED_VERSION,
    "server_version_num": ANNOUNCED_VERSION_NUM,
    "transaction isolation level": "read committed",
    "transaction_isolation": "read committed",
    "standard_conforming_strings": "on",
    "client_encoding": "UTF8",
    "server_encoding": "UTF8",
    "datestyle": "ISO, MDY",
    "integer_datetimes": "on",
    "timezone": "UTC",
    "max_identifier_length": "63",
}
_SHOW = re.compile(r"^\s*show\s+([a-z_ ]+?)\s*;?\s*$", re.IGNORECASE)

_CATALOG_FIXES = (
    (re.compile(r"OPERATOR\s*\(\s*pg_catalog\.(!?~\*?)\s*\)", re.IGNORECASE), r"\1"),
    (re.compile(r"\s+COLLATE\s+pg_catalog\.(\w+|\"[^\"]+\")", re.IGNORECASE), ""),
    (re.compile(r"current_setting\(\s*'(server_version(_num)?)'\s*\)", re.IGNORECASE),
     lambda m: f"'{ANNOUNCED_SETTINGS[m.group(1).lower()]}'"),
    (re.compile(r"(pg_catalog\.)?pg_get_userbyid\s*\([^)]*\)", re.IGNORECASE), "'claimhouse'"),
    (re.compile(r"::\s*(pg_catalog\.)?(regtype|regclass|regproc|regnamespace)\b", re.IGNORECASE), ""),
    (re.compile(r"::\s*pg_catalog\.", re.IGNORECASE), "::"),
    (re.compile(r"(pg_catalog\.)?to_regtype\(\s*([^)]+?)\s*\)", re.IGNORECASE),
     r"(select min(oid) from pg_catalog.pg_type where typname = \2)"),
    (re.compile(r"pg_get_expr\(\s*([\w.]+)\s*,\s*([\w.]+)\s*,\s*true\s*\)", re.IGNORECASE), r"pg_get_expr(\1, \2)"),
    (re.compile(r"^\s*select\s+(pg_catalog\.)?version\(\)\s*;?\s*$", re.IGNORECASE),
     f"select 'PostgreSQL {ANNOUNCED_VERSION} (claimhouse DuckDB {duckdb.__version__} via buenavista)' as version"),
)


def fix_catalog_sql(sql: str) -> str:
    """Rewrite the PostgreSQL-only idioms clients send on connect into what DuckDB runs."""
    show = _SHOW.match(sql)
    if show and " ".join(show.group(1).lower().split()) in ANNOUNCED_SETTINGS:
        name = " ".join(show.group(1).lower().split())
        return f"select '{ANNOUNCED_SETTINGS[name]}' as \"{name.replace(' ', '_')}\""
    for pattern, replacement in _CATALOG_FIXES:
        sql = pattern.sub(replacement, sql)
    return sql


class WarehouseRewriter(rewrite.Rewriter):
    def __init__(self) -> None:
        super().__init__(bv_dialects.BVPostgres(), bv_dialects.BVDuckDB())

    def rewrite(self, sql: str) -> str:
        return super().rewrite(fix_catalog_sql(sql))


_TRANSACTION_CONTROL = re.compile(
    r"^\s*(?P<verb>begin|start\s+transaction|commit|end|rollback|abort)\b", re.IGNORECASE)
# DuckDB has no savepoints. Nothing can be written here, so a savepoint has nothing to keep:
# taking or releasing one does nothing, and rolling back to one only clears a failed statement.
_SAVEPOINT = re.compile(r"^\s*(?P<verb>savepoint|release|rollback\s+to)\b", re.IGNORECASE)


class WarehouseSession(DuckDBSession):
    """A DuckDB cursor on the warehouse, marts first on the search path."""

    def execute_sql(self, sql: str, params=None) -> DuckDBQueryResult:
        savepoint = _SAVEPOINT.match(sql)
        if savepoint:
            verb = savepoint.group("verb").split()[0].upper()
            if verb == "ROLLBACK" and self.in_txn:
                self._cursor.execute("rollback")
                self._cursor.execute("begin")
            return DuckDBQueryResult(status="RELEASE" if verb == "RELEASE" else verb)
        control = _TRANSACTION_CONTROL.match(sql)
        if control:
            verb = control.group("verb").split()[0].lower()
            if verb in ("begin", "start"):
                if not self.in_txn:
                    self._cursor.execute("begin")
                    self.in_txn = True
                return DuckDBQueryResult(status="BEGIN")
            if self.in_txn:
                self._cursor.execute("commit" if verb in ("commit", "end") else "rollback")
                self.in_txn = False
            return DuckDBQueryResult(status="COMMIT" if verb in ("commit", "end") else "ROLLBACK")
        sql = self.rewrite_sql(sql)
        self._cursor.execute(sql, params or None)
        if self._cursor.description is None:
            return DuckDBQueryResult(status="OK")
        return DuckDBQueryResult(self._cursor.fetch_record_batch())


class WarehouseConnection(DuckDBConnection):
    def parameters(self) -> dict[str, str]:
        return {"server_version": ANNOUNCED_VERSION, "client_encoding": "UTF8", "DateStyle": "ISO, MDY",
                "standard_conforming_strings": "on", "integer_datetimes": "on"}

    def new_session(self) -> WarehouseSession:
        cursor = self.db.cursor()
        cursor.execute("set search_path = 'marts,main'")
        return WarehouseSession(cursor)


# PostgreSQL type oid -> struct format of its binary wire form (bool, int2, int4, int8, float4, float8)
_BINARY_PARAMETER_FORMATS = {16: "!?", 21: "!h", 23: "!i", 20: "!q", 700: "!f", 701: "!d"}


class WarehouseHandler(postgres.BuenaVistaHandler):
    def handle_bind(self, ctx: postgres.BVContext, payload: bytes) -> None:
        """Bind text parameters as text; DuckDB casts them where a date or number is compared."""
        data = bytearray(payload)
        portal_end = data.index(postgres.NULL_BYTE)
        statement_end = data.index(postgres.NULL_BYTE, portal_end + 1)
        portal = data[:portal_end].decode("utf-8")
        statement = data[portal_end + 1:statement_end].decode("utf-8")
        buf = postgres.BVBuffer(io.BytesIO(data[statement_end + 1:]))
        formats = [buf.read_int16() for _ in range(buf.read_int16())]
        count = buf.read_int16()
        formats = (formats * count)[:count] if formats else [0] * count
        params = []
        for index in range(count):
            size = buf.read_int32()
            raw = None if size < 0 else buf.read_bytes(size)
            if raw is None:
                params.append(None)
            elif formats[index] == 0:
                params.append(raw.decode("utf-8"))
            else:
                type_oid = ctx.stmts[statement][1][index]
                if type_oid not in _BINARY_PARAMETER_FORMATS:
                    raise ValueError(f"unsupported binary parameter type oid {type_oid}")
                params.append(struct.unpack(_BINARY_PARAMETER_FORMATS[type_oid], raw)[0])
        result_formats = [buf.read_int16() for _ in range(buf.read_int16())]
        ctx.add_portal(portal, statement, params, result_formats)
        self.send_bind_complete()


class WarehouseServer(postgres.BuenaVistaServer):
    daemon_threads = True  # an open client connection does not keep the server from stopping

    def __init__(self, address: tuple[str, int], con: duckdb.DuckDBPyConnection, user: str, password: str):
        super().__init__(address, WarehouseConnection(con), rewriter=WarehouseRewriter(),
                         auth={user: password})
        self.RequestHandlerClass = WarehouseHandler

    def verify_request(self, request, client_address) -> bool:
        # buenavista admits only loopback clients unless told otherwise; here every client
        # must authenticate, so the bind address alone decides who can reach the server.
        return True


@dataclass(frozen=True)
class ServeOptions:
    db_path: Path
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    user: str = DEFAULT_USER
    password: str | None = None


def open_read_only(db_path: Path) -> duckdb.DuckDBPyConnection:
    """The warehouse, read-only, with SQL access to other files switched off for good."""
    con = duckdb.connect(str(db_path), read_only=True)
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")
    return con


def generate_password() -> str:
    return secrets.token_urlsafe(12)


def build_server(options: ServeOptions) -> WarehouseServer:
    if not options.password:
        raise ValueError("a password is required")
    if not options.db_path.exists():
        raise FileNotFoundError(f"no published warehouse at {options.db_path}; run `make run` first")
    return WarehouseServer((options.host, options.port), open_read_only(options.db_path),
                           options.user, options.password)

