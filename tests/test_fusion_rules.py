"""Fusion gates, score and the merged attributes of a fused event."""
from __future__ import annotations

import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st

from flashpoint.store import Store
from flashpoint.store.fusion import MentionView, cluster, jaccard, pair_score, tokens
from flashpoint.store.merge import low_median, merge_event
from flashpoint.store.testing import event, report

D = dt.date(2024, 5, 25)


def view(mid="m1", **kw) -> MentionView:
    base = dict(plover="ASSAULT", cameo="180", actor_country="RUS", recipient_country="UKR", date=D, lat=49.99,
                lon=36.23, geo_precision=1, country="UKR", place_name="Kharkiv", fatalities=12,
                text="Russian glide bombs hit a hardware store in Kharkiv, killing 12 people.")
    base.update(kw)
    return MentionView(mention_id=mid, doc_id=mid, **base)


def test_fusion_same_event_scores_above_threshold():
    other = view("m2", text="Twelve dead after a Russian strike on a Kharkiv shopping centre.")
    assert pair_score(view(), other) >= 0.30


def test_fusion_gate_rejects_dates_beyond_tolerance():
    assert pair_score(view(), view("m2", date=D + dt.timedelta(days=4))) is None


def test_fusion_gate_rejects_distant_places():
    assert pair_score(view(), view("m2", lat=48.46, lon=35.05, place_name="Dnipro")) is None


def test_fusion_gate_rejects_conflicting_countries_and_dyads():
    assert pair_score(view(), view("m2", country="RUS")) is None
    assert pair_score(view(), view("m2", actor_country="BLR")) is None


def test_fusion_reversed_dyad_allowed_only_for_symmetric_types():
    fight = dict(plover="FIGHT", cameo="190")
    assert pair_score(view(**fight), view("m2", actor_country="UKR", recipient_country="RUS", **fight)) is not None
    assert pair_score(view(), view("m2", actor_country="UKR", recipient_country="RUS")) is None


def test_fusion_incompatible_families_and_statuses_never_fuse():
    assert pair_score(view(), view("m2", plover="PROTEST", cameo="140")) is None
    assert pair_score(view(), view("m2", status="negated")) is None
    assert pair_score(view(), view("m2", plover="FIGHT", cameo="190")) is not None  # one violence family


def test_fusion_unknown_side_is_compatible():
    assert pair_score(view(), view("m2", recipient_country=None)) is not None


def test_fusion_cluster_groups_reports_of_one_event():
    ids = cluster([view("a"), view("b", text="A Russian strike hit a Kharkiv store; twelve died."),
                   view("c", date=D + dt.timedelta(days=10))])
    assert ids[0] == ids[1] != ids[2]


def test_fusion_tokens_drop_stop_words_and_stem():
    assert tokens("The soldiers were killed in the attacks") == {"soldier", "kill", "attack"}
    assert jaccard(frozenset(), frozenset({"x"})) == 0.0


@given(st.lists(st.integers(0, 1000), min_size=1, max_size=9))
def test_fusion_low_median_is_a_reported_figure_between_min_and_max(values):
    m = low_median(values)
    assert m in values and min(values) <= m <= max(values)


def _row(doc, **kw):
    base = {"doc_id": doc, "confidence": 0.5, "plover": "ASSAULT", "cameo": "180", "quad_class": 4, "goldstein": -9.0,
            "actor_country": "RUS", "recipient_country": "UKR", "date": D, "weapons": "[]", "source": doc,
            "published": D, "text": "x", "status": "asserted"}
    base.update(kw)
    return base


def test_fusion_merge_rule_takes_low_median_fatalities_and_counts_outlets():
    rows = [_row("a", fatalities=12, source="Kyiv Herald"), _row("b", fatalities=16, source="Wire"),
            _row("c", fatalities=12, source="wire "), _row("d", fatalities=100, source="Blog")]
    ev = merge_event("ev-1", rows)
    assert ev["fatalities"] == 12
    assert ev["source_count"] == 3 and ev["document_count"] == 4 and ev["mention_count"] == 4
    assert ev["dyad"] == "RUS-UKR"


def test_fusion_merge_rule_prefers_the_most_reported_day_and_precise_place():
    rows = [_row("a", date=D, lat=None, place_name=None, country="UKR"),
            _row("b", date=D, lat=49.99, lon=36.23, place_name="Kharkiv", geo_precision=1, country="UKR"),
            _row("c", date=D + dt.timedelta(days=1), published=D + dt.timedelta(days=2), weapons='["glide bombs"]')]
    ev = merge_event("ev-1", rows)
    assert ev["date"] == D and ev["place_name"] == "Kharkiv"
    assert ev["first_report"] == D and ev["last_report"] == D + dt.timedelta(days=2)
    assert json.loads(ev["weapons"]) == ["glide bombs"]


def test_fusion_store_links_every_mention_to_its_event():
    with Store.memory() as s:
        s.ingest_results([
            report("a", source="Kyiv Herald", events=[event("ASSAULT", "RUS", "UKR", "2024-05-25", "Kharkiv", 12,
                                                           "Russian glide bombs hit a Kharkiv hardware store, killing 12.")]),
            report("b", source="European Wire", events=[event("ASSAULT", "RUS", "UKR", "2024-05-25", "Kharkiv", 16,
                                                               "Russian strike on Kharkiv store kills 16.")]),
        ])
        [ev] = s.events().to_dict("records")
        assert ev["source_count"] == 2 and ev["fatalities"] == 12
        assert {m["doc_id"] for m in s.event(ev["event_id"])["mentions"]} == {"a", "b"}


def test_fusion_new_version_moves_mentions_out_of_old_event():
    with Store.memory() as s:
        s.ingest_results([report("a", "v1", events=[event(date="2024-05-25", place="Kharkiv", text="strike Kharkiv")])])
        s.ingest_results([report("a", "v2", events=[event("PROTEST", date="2024-06-01", place="Kyiv", text="protest")])])
        events = s.events()
        assert list(events["plover"]) == ["PROTEST"]
        assert events.iloc[0]["mention_count"] == 1
