"""The extraction library: spaCy docs in, small immutable records out. No Dagster imports."""
