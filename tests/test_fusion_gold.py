"""Fusion against the hand-written gold set in tests/data/fusion (pairwise precision/recall)."""
from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

from flashpoint.records import Actor, DocumentResult, Event, Place
from flashpoint.store import Store
from flashpoint.store.fusion import MentionView, cluster

GOLD = Path(__file__).parent / "data" / "fusion" / "articles.jsonl"
_CODES = {"FIGHT": ("190", 4), "ASSAULT": ("180", 4), "PROTEST": ("140", 4), "COERCE": ("170", 4),
          "THREATEN": ("130", 3), "CONSULT": ("040", 1), "AGREE": ("030", 1), "AID": ("070", 2),
          "SANCTION": ("160", 3), "DISAPPROVE": ("110", 3)}


def articles() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def as_view(a: dict) -> MentionView:
    return MentionView(mention_id=a["id"], doc_id=a["id"], plover=a["plover"], cameo=_CODES[a["plover"]][0],
                       actor_country=a["a"], recipient_country=a["r"], date=dt.date.fromisoformat(a["date"]),
                       lat=a["lat"], lon=a["lon"], geo_precision=1, country=a["cc"], place_name=a["place"],
                       fatalities=a["fat"], text=a["text"])


def as_event(a: dict) -> Event:
    cameo, quad = _CODES[a["plover"]]
    return Event(plover=a["plover"], cameo=cameo, quad_class=quad, actor=Actor(a["a"], a["a"]),
                 recipient=Actor(a["r"], a["r"]), date=a["date"], date_precision="day",
                 location=Place(a["place"], None, a["place"], a["lat"], a["lon"], a["cc"], None, None, None, 1),
                 fatalities=a["fat"], text=a["text"], span=[0, len(a["text"])], confidence=0.9)


def pairwise(gold: list[str], predicted: list[str]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for i, j in itertools.combinations(range(len(gold)), 2):
        same_gold, same_pred = gold[i] == gold[j], predicted[i] == predicted[j]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def test_fusion_gold_set_is_big_enough():
    rows = articles()
    groups = {r["g"] for r in rows}
    assert len(groups) >= 40
    assert all(2 <= sum(r["g"] == g for r in rows) <= 4 for g in groups)


def test_fusion_gold_pairwise_precision_and_recall():
    rows = articles()
    predicted = cluster([as_view(a) for a in rows])
    precision, recall, f1 = pairwise([a["c"] for a in rows], predicted)
    print(f"fusion gold: pairwise precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}")
    assert precision >= 0.85 and recall >= 0.80


@pytest.mark.parametrize("order", ["published", "reversed"])
def test_fusion_gold_through_the_store_matches_the_pure_clustering(order):
    rows = sorted(articles(), key=lambda a: (a["pub"], a["id"]), reverse=order == "reversed")
    from flashpoint.records import Document

    pairs = [(Document(id=a["id"], text=a["text"], date=a["pub"], source=a["src"]), DocumentResult(a["id"], [as_event(a)]))
             for a in rows]
    with Store.memory() as store:
        store.ingest_results(pairs, batch_size=16)
        mentions = store.mentions()
    by_doc = dict(zip(mentions["doc_id"], mentions["event_id"]))
    precision, recall, _ = pairwise([a["c"] for a in rows], [by_doc[a["id"]] for a in rows])
    assert precision >= 0.85 and recall >= 0.80
