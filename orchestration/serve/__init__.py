"""The published warehouse over the PostgreSQL wire protocol, read-only and behind a password."""
