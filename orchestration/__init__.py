"""claimhouse: Dagster definitions and the extraction library."""
