"""The figures of a sentence by their surface, for the figure tests; every surface must be the
text at its offsets."""
from __future__ import annotations

from orchestration.extract.figures import extract_figures
from orchestration.extract.records import Figure


def by_surface(nlp, text: str) -> dict[str, Figure]:
    found = {}
    for figure in extract_figures(nlp(text)):
        assert text[figure.char_start:figure.char_end] == figure.surface
        found[figure.surface] = figure
    return found
