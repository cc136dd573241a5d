"""The REST API over a small constructed store (no NLP: events are built by hand and
stored through the real ingest/fusion/alert code)."""
from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings, strategies as st

from flashpoint.api import Database, create_app
from flashpoint.records import Actor, Document, DocumentResult, Event, Place

PLACES = {
    "Banjska": (42.96, 20.78, "XKX", "Mitrovica"), "Zvecan": (42.91, 20.84, "XKX", "Mitrovica"),
    "Jarinje": (43.15, 20.74, "XKX", "Mitrovica"), "Pristina": (42.67, 21.17, "XKX", "Pristina"),
    "Kharkiv": (49.99, 36.23, "UKR", "Kharkiv Oblast"), "Djenne": (13.91, -4.55, "MLI", "Mopti"),
    "Nairobi": (-1.29, 36.82, "KEN", "Nairobi"),
}
CODES = {  # plover: (cameo, quad, goldstein, acled type, acled sub-type)
    "ASSAULT": ("190", 4, -10.0, "Battles", "Armed clash"),
    "COERCE": ("173", 4, -5.0, "Strategic developments", "Arrests"),
    "CONSULT": ("040", 1, 1.0, "Strategic developments", "Agreement"),
    "PROTEST": ("141", 3, -6.5, "Protests", "Protest with intervention"),
}


def _event(text, date, plover, actor, recipient, place, fatalities=None):
    cameo, quad, gold, acled, sub = CODES[plover]

    def span(s):
        i = text.find(s)
        return [i, i + len(s)]
    a = Actor(actor[0], actor[1], actor[2], span(actor[0]))
    r = Actor(recipient[0], recipient[1], recipient[2], span(recipient[0])) if recipient else None
    lat, lon, country, admin1 = PLACES[place]
    loc = Place(place, span(place), place, lat, lon, country, admin1, None, "town", 1)
    return Event(plover=plover, cameo=cameo, quad_class=quad, goldstein=gold, acled_event_type=acled,
                 acled_sub_event_type=sub, actor=a, recipient=r, date=date, date_precision="day", location=loc,
                 fatalities=fatalities, text=text, span=[0, len(text)], confidence=0.9)


SRB, XKX = ("Serbian police", "SRB", "COP"), ("Kosovo police", "XKX", "COP")
ROWS = [  # (doc id, source, date, plover, actor, recipient, place, fatalities, sentence)
    *[(f"base-{i}", "Balkan Daily", (dt.date(2024, 1, 1) + dt.timedelta(weeks=i)).isoformat(), "ASSAULT",
       SRB, XKX, "Jarinje", None, f"Serbian police fired at Kosovo police near Jarinje in incident number {i}.")
      for i in range(6)],
    ("clash-a", "Balkan Daily", "2024-02-12", "ASSAULT", SRB, XKX, "Banjska", 4,
     "Serbian police attacked Kosovo police in Banjska, killing four officers at the monastery gate."),
    ("clash-b", "Adriatic Press", "2024-02-12", "ASSAULT", SRB, XKX, "Banjska", 4,
     "Serbian police attacked Kosovo police in Banjska and four officers were killed at the monastery gate."),
    ("arrest", "Balkan Daily", "2024-02-13", "COERCE", XKX, SRB, "Zvecan",
     None, "Kosovo police arrested Serbian police officers in Zvecan on weapons charges."),
    ("shooting", "Adriatic Press", "2024-02-16", "ASSAULT", SRB, XKX, "Jarinje", 1,
     "Serbian police shot at Kosovo police in Jarinje on Friday, killing one."),
    ("arrest-2", "Mitrovica Post", "2024-02-17", "COERCE", XKX, SRB, "Zvecan", None,
     "Kosovo police detained Serbian police in Zvecan after a car chase."),
    ("visit", "Balkan Daily", "2024-02-05", "CONSULT", ("German Defence Minister", "DEU", "GOV"),
     ("Kosovo government", "XKX", "GOV"), "Pristina", None,
     "German Defence Minister met the Kosovo government in Pristina on Monday."),
    ("kharkiv", "Kyiv Herald", "2024-01-20", "ASSAULT", ("Russian forces", "RUS", "MIL"),
     ("Ukrainian civilians", "UKR", "CVL"), "Kharkiv", 12,
     "Russian forces bombed Ukrainian civilians in a Kharkiv store, killing 12."),
    ("mali", "Sahel Monitor", "2024-01-14", "ASSAULT", ("JNIM", "MLI", "REB"), ("Malian army", "MLI", "MIL"),
     "Djenne", 30, "JNIM fighters clashed with the Malian army near Djenne, leaving dozens dead."),
    ("nairobi", "East Africa Standard", "2024-02-14", "PROTEST", ("protesters", "KEN", "CVL"), None, "Nairobi",
     None, "Thousands of protesters marched in Nairobi against the finance bill."),
]


def build_store(path) -> str:
    """A DuckDB store at ``path`` holding ROWS, fused, with alerts computed."""
    from flashpoint.store.alerts import refresh
    from flashpoint.store.connection import connect
    from flashpoint.store.ingest import ingest

    pairs = []
    for doc_id, source, date, plover, actor, recipient, place, fat, text in ROWS:
        doc = Document(id=doc_id, text=text, date=date, source=source, title=f"{source}: {text[:40]}",
                       url=f"https://example.org/{doc_id}")
        pairs.append((doc, DocumentResult(doc_id, [_event(text, date, plover, actor, recipient, place, fat)])))
    con = connect(path)
    ingest(con, pairs)
    refresh(con)
    con.close()
    return str(path)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("api") / "api.duckdb")


@pytest.fixture(scope="module")
def client(store_path):
    app = create_app(Database(store_path, writable=False), token=None)
    with TestClient(app) as c:
        yield c
    app.state.db.close()


def _events(client, **params):
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_api_events_lists_newest_first_with_total(client):
    page = _events(client)
    dates = [e["date"] for e in page["items"]]
    assert page["total"] == len(page["items"]) >= 10
    assert dates == sorted(dates, reverse=True)


def test_api_events_fuses_one_clash_reported_by_two_outlets(client):
    clash = [e for e in _events(client, since="2024-02-12", until="2024-02-12")["items"] if e["plover"] == "ASSAULT"]
    assert len(clash) == 1 and clash[0]["source_count"] == 2 and clash[0]["fatalities"] == 4


def test_api_events_filters_by_country_dyad_type_fatalities_and_dates(client):
    assert {e["id"] for e in _events(client, country="ukr")["items"]} == \
        {e["id"] for e in _events(client, dyad="RUS-UKR")["items"]}
    assert _events(client, dyad="XKX-SRB")["total"] == _events(client, dyad="SRB-XKX")["total"] >= 9
    assert all(e["plover"] == "PROTEST" for e in _events(client, type="protest")["items"])
    assert _events(client, type="Battles")["total"] == _events(client, type="ASSAULT")["total"]
    assert {e["fatalities"] for e in _events(client, min_fatalities=12)["items"]} == {12, 30}
    window = _events(client, since="2024-02-13", until="2024-02-16")["items"]
    assert window and all("2024-02-13" <= e["date"] <= "2024-02-16" for e in window)


def test_api_events_pages_with_limit_and_offset_and_caps_page_size(client):
    first, second = _events(client, limit=3), _events(client, limit=3, offset=3)
    assert len(first["items"]) == 3 and not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}
    assert client.get("/api/events", params={"limit": 501}).status_code == 422
    assert client.get("/api/events", params={"offset": -1}).status_code == 422


def test_api_event_detail_has_mentions_documents_and_evidence_spans(client):
    [clash] = [e for e in _events(client, since="2024-02-12", until="2024-02-12")["items"] if e["plover"] == "ASSAULT"]
    detail = client.get(f"/api/events/{clash['id']}").json()
    assert len(detail["mentions"]) == 2
    assert {d["url"] for d in detail["documents"]} == {"https://example.org/clash-a", "https://example.org/clash-b"}
    marks = {h["role"]: h["text"] for h in detail["mentions"][0]["evidence"]["highlights"]}
    assert marks == {"actor": "Serbian police", "recipient": "Kosovo police", "place": "Banjska"}


def test_api_event_unknown_id_is_404(client):
    assert client.get("/api/events/ev-nope").status_code == 404


def test_api_dyads_rank_the_escalating_pair_first(client):
    body = client.get("/api/dyads", params={"as_of": "2024-02-18"}).json()
    top = body["items"][0]
    assert top["dyad"] == "SRB-XKX" and top["escalation"] > 0 and top["alerts"] >= 1
    ranked = [d["dyad"] for d in body["items"]]
    assert set(ranked) == {"SRB-XKX", "RUS-UKR", "DEU-XKX"}  # pairs of two countries; MLI-MLI is internal
    assert ranked.index("DEU-XKX") < ranked.index("RUS-UKR")  # recent cooperation before January's strike


def test_api_signals_give_a_zero_filled_series_and_need_a_key(client):
    body = client.get("/api/signals", params={"dyad": "XKX-SRB", "freq": "week"}).json()
    assert body["key"] == "SRB-XKX"
    counts = [p["material_conflict"] for p in body["series"]]
    assert max(counts) == 4 and 0 in [p["events"] for p in client.get(
        "/api/signals", params={"dyad": "SRB-XKX"}).json()["series"]]
    kharkiv = client.get("/api/signals", params={"country": "UKR"}).json()["series"]
    assert [p["events"] for p in kharkiv] == [0, 0, 0, 1, 0, 0, 0]  # trimmed to the event, 3 days each side
    whole = client.get("/api/signals", params={"country": "UKR", "trim": "false"}).json()["series"]
    assert whole[0]["period"] == "2024-01-01" and len(whole) > len(kharkiv)
    assert client.get("/api/signals").status_code == 422


def test_api_alerts_list_the_pair_alert_with_its_events(client):
    body = client.get("/api/alerts", params={"dyad": "XKX-SRB"}).json()
    assert body["total"] >= 1
    alert = body["items"][0]
    assert alert["key"] == "SRB-XKX" and alert["period"] == "2024-02-12" and len(alert["event_ids"]) == 4


def test_api_documents_list_and_show_text(client):
    docs = client.get("/api/documents", params={"limit": 100}).json()
    assert docs["total"] == len(ROWS)
    doc = client.get("/api/documents/clash-a").json()
    assert doc["text"].startswith("Serbian police attacked") and len(doc["event_ids"]) == 1
    assert client.get("/api/documents/missing").status_code == 404


def test_api_facets_offer_countries_types_and_date_range(client):
    f = client.get("/api/facets").json()
    assert {"SRB", "XKX", "UKR"} <= set(f["countries"]) and "Battles" in f["types"]
    assert f["min_date"] == "2024-01-01" and f["documents"] == len(ROWS)


INJECTIONS = ["' OR 1=1 --", "'; DROP TABLE events; --", "\" OR \"\"=\"", "SRB-XKX' UNION SELECT * FROM documents --",
              "%", "_", "\\", "\x00", "1; DELETE FROM events", "${jndi:ldap://x}", "<script>alert(1)</script>",
              "ÿ" * 60, "2024-01-01' OR '1'='1"]
FILTERS = ["since", "until", "country", "dyad", "type", "min_fatalities", "limit", "offset"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_api_injection_strings_in_every_filter_are_inert(client, value):
    before = _events(client)["total"]
    for name in FILTERS:
        r = client.get("/api/events", params={name: value})
        assert r.status_code in (200, 422), (name, r.status_code)
        if r.status_code == 200 and name in ("country", "dyad", "type"):
            assert r.json()["total"] == 0
    for path, names in (("/api/signals", ["dyad", "country", "key"]), ("/api/alerts", ["dyad", "country", "key"]),
                        ("/api/documents", ["source", "since"]), ("/api/dyads", ["window", "as_of"])):
        for name in names:
            assert client.get(path, params={name: value}).status_code in (200, 422)
    assert client.get("/api/events/" + quote(value, safe="")).status_code in (404, 422)
    assert _events(client)["total"] == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(country=st.text(max_size=70), dyad=st.text(max_size=70), type_=st.text(max_size=70))
def test_api_events_never_fail_on_arbitrary_filter_text(client, country, dyad, type_):
    r = client.get("/api/events", params={"country": country, "dyad": dyad, "type": type_})
    assert r.status_code in (200, 422)


def test_api_serves_the_dashboard_offline_with_a_strict_policy(client):
    page = client.get("/")
    assert page.status_code == 200 and "flashpoint" in page.text
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "http" not in csp
    assert "http://" not in page.text and "https://" not in page.text
    assert client.get("/vendor/world-atlas/countries-110m.json").status_code == 200
    docs = client.get("/docs").text
    assert "/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "cdn" not in docs
    assert "/api/events" in client.get("/openapi.json").json()["paths"]


def test_api_sends_no_cors_headers(client):
    r = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert not [h for h in r.headers if h.lower().startswith("access-control")]
    pre = client.options("/api/events", headers={"Origin": "https://evil.example",
                                                 "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in pre.headers
