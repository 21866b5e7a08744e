"""One article's text in, every extracted record out; and the batched runner over many articles.

``EXTRACTOR_VERSION`` names the rules: the warehouse never re-extracts an article it has done
with the same version, and re-extracts everything when the version changes. Bump it whenever
an extractor's output can change.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice

from spacy.language import Language
from spacy.tokens import Doc

from orchestration.extract.actors import extract_actors
from orchestration.extract.boilerplate import split_boilerplate
from orchestration.extract.claims import extract_claims
from orchestration.extract.figures import extract_figures
from orchestration.extract.gazetteer import Gazetteer
from orchestration.extract.nlp import load_nlp
from orchestration.extract.places import extract_places
from orchestration.extract.records import (
    ActorMention,
    BoilerplateLine,
    Claim,
    EntityMention,
    Figure,
    PlaceMention,
    Sentence,
    Span,
)

EXTRACTOR_VERSION = "2026.11.27-12"
# spaCy keeps a whole batch of Docs with their intermediate arrays in memory, about 3 KB per
# character of text: 32 long reports in one batch took over a gigabyte per worker. Batches are
# capped by characters as well as by count, so a worker's memory stays flat whatever the lengths.
BATCH_CHARS = 50_000
# A worker's memory creeps up over a long stream (spaCy's vocabulary and string store keep every
# word they have seen), so the pool is replaced after this many articles per worker: memory then
# stays flat whatever the corpus size, for one restart (about 3 s) per 1,000 articles. Python
# 3.11's own max_tasks_per_child can deadlock the pool (cpython gh-115634), hence by hand.
ARTICLES_PER_WORKER = 500
GOVERNMENT_MENTION_KINDS = frozenset({"metonym"})
INSTITUTION_TYPES = frozenset({"government", "organization", "media", "military", "armed_group"})
# Nouns after a country name that keep it a place ('Ukraine border'); before others it is an
# attribute ('US President', 'US think tank') and names no place.
PLACE_HEAD_NOUNS = frozenset({"border", "borders", "territory", "side", "soil", "airspace", "coast", "region",
                              "frontier", "mainland", "countryside"})


@dataclass(frozen=True, slots=True)
class ArticleExtraction:
    article_id: str
    body: str
    word_count: int
    boilerplate: list[BoilerplateLine]
    sentences: list[Sentence]
    entities: list[EntityMention]
    actors: list[ActorMention]
    places: list[PlaceMention]
    claims: list[Claim]
    figures: list[Figure]


def extract_doc(doc: Doc, article_id: str, boilerplate: list[BoilerplateLine],
                gazetteer: Gazetteer) -> ArticleExtraction:
    actors = extract_actors(doc)
    not_places = [Span(a.char_start, a.char_end) for a in actors
                  if a.mention_kind in GOVERNMENT_MENTION_KINDS
                  or a.mention_kind == "name" and a.actor_type in INSTITUTION_TYPES]
    places = [p for p in extract_places(doc, gazetteer, exclude=not_places) if not _is_attributive_country(doc, p)]
    return ArticleExtraction(
        article_id=article_id,
        body=doc.text,
        word_count=sum(1 for token in doc if not (token.is_punct or token.is_space)),
        boilerplate=boilerplate,
        sentences=[Sentence(i, s.start_char, s.end_char) for i, s in enumerate(doc.sents)],
        entities=[EntityMention(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents],
        actors=actors,
        places=places,
        claims=list(extract_claims(doc, actors)),
        figures=list(extract_figures(doc, places)),
    )


def _is_attributive_country(doc: Doc, place: PlaceMention) -> bool:
    if place.place_type != "country":
        return False
    span = doc.char_span(place.char_start, place.char_end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    last = span[-1]
    return (last.dep_ in ("compound", "amod", "nmod") and last.head.i > last.i
            and last.head.pos_ in ("NOUN", "PROPN") and last.head.lower_ not in PLACE_HEAD_NOUNS)


def extract_texts(items: Iterable[tuple[str, str]], nlp: Language, gazetteer: Gazetteer,
                  batch_size: int = 32, batch_chars: int = BATCH_CHARS) -> Iterator[ArticleExtraction]:
    """(article_id, raw text) pairs in, extractions out, in order, in this process."""
    def bodies() -> Iterator[tuple[str, tuple[str, list[BoilerplateLine]]]]:
        for article_id, text in items:
            body, removed = split_boilerplate(text)
            yield body, (article_id, removed)

    for batch in _batches(bodies(), batch_size, batch_chars):
        for doc, (article_id, removed) in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            yield extract_doc(doc, article_id, removed, gazetteer)


def _batches(pairs: Iterable[tuple[str, object]], max_docs: int, max_chars: int) -> Iterator[list[tuple[str, object]]]:
    """Consecutive (text, context) pairs, at most ``max_docs`` and ``max_chars`` characters of text
    per batch (a longer text goes alone)."""
    batch: list[tuple[str, object]] = []
    chars = 0
    for pair in pairs:
        if batch and (len(batch) >= max_docs or chars + len(pair[0]) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(pair)
        chars += len(pair[0])
    if batch:
        yield batch


def _extract_chunk(chunk: list[tuple[str, str]], batch_size: int) -> list[ArticleExtraction]:
    return list(extract_texts(chunk, load_nlp(), Gazetteer.load(), batch_size))


def _warm_worker() -> None:
    load_nlp()
    Gazetteer.load()


def extract_many(items: Iterable[tuple[str, str]], workers: int = 1, chunk_size: int = 64,
                 batch_size: int = 32,
                 articles_per_worker: int = ARTICLES_PER_WORKER) -> Iterator[list[ArticleExtraction]]:
    """Extract a stream of articles, yielding results chunk by chunk, in input order.

    With ``workers > 1`` each worker process loads the model and the gazetteer once and runs
    the whole extraction (spaCy and the rules) on its chunks, so both cores do all the work.
    At most ``2 * workers`` chunks are in flight, so memory stays bounded whatever the corpus size,
    and the workers are replaced after about ``articles_per_worker`` articles each.
    """
    remaining = iter(items)
    chunks = iter(lambda: list(islice(remaining, chunk_size)), [])
    if workers <= 1:
        nlp, gazetteer = load_nlp(), Gazetteer.load()
        for chunk in chunks:
            yield list(extract_texts(chunk, nlp, gazetteer, batch_size))
        return
    chunks_per_pool = max(2, articles_per_worker // chunk_size) * workers
    while first := next(chunks, None):
        yield from _extract_in_pool(chain([first], islice(chunks, chunks_per_pool - 1)), workers, batch_size)


def _extract_in_pool(chunks: Iterable[list[tuple[str, str]]], workers: int,
                     batch_size: int) -> Iterator[list[ArticleExtraction]]:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm_worker) as pool:
        in_flight: list[Future[list[ArticleExtraction]]] = []
        for chunk in chunks:
            in_flight.append(pool.submit(_extract_chunk, chunk, batch_size))
            if len(in_flight) >= 2 * workers:
                yield in_flight.pop(0).result()
        for future in in_flight:
            yield future.result()
