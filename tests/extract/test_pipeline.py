"""The batched runner: several worker processes, replaced along a long stream, give exactly what
one process gives, in input order."""
from __future__ import annotations

from orchestration.extract.pipeline import extract_many

TEXTS = [
    "The mayor of Lviv said on Monday that 12 drones were shot down over the city.",
    "Officials in Odesa reported that a port warehouse burned overnight.",
    "A spokesman for the regional administration said power had been restored to 3,000 homes.",
    "Farmers near Poltava said the harvest was down by a fifth this year.",
    "The governor said two people were injured, according to local media.",
]


def _summary(chunks):
    return [(r.article_id, [(c.char_start, c.char_end) for c in r.claims],
             [(f.char_start, f.value) for f in r.figures], [p.place_key for p in r.places])
            for chunk in chunks for r in chunk]


def test_workers_replaced_mid_stream_give_the_single_process_result_in_order():
    items = [(f"a{i}", text) for i, text in enumerate(TEXTS)]
    alone = _summary(extract_many(items, workers=1, chunk_size=1))
    # one article per chunk and two chunks per worker: the fifth article goes to a new pool
    pooled = list(extract_many(items, workers=2, chunk_size=1, articles_per_worker=2))
    assert [len(chunk) for chunk in pooled] == [1] * len(TEXTS)
    assert _summary(pooled) == alone
    assert [article_id for article_id, *_ in alone] == [f"a{i}" for i in range(len(TEXTS))]
    assert any(claims for _, claims, _, _ in alone) and any(figures for _, _, figures, _ in alone)
