"""Great Expectations suites run against the marts (through pandas, as GX cannot read DuckDB)."""
