"""Dagster assets: thin adapters that do I/O and attach metadata."""
