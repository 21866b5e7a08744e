"""The DuckDB side: schemas owned by Python, bulk loads, and publishing."""
