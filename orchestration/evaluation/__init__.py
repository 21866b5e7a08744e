"""Scoring the extractors on the sample gold and on public gold sets."""
