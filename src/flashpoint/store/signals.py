"""Tension signals: per country, admin-1 region, directed dyad or undirected pair, a
daily / weekly / monthly series of fused events: counts by quad class, Goldstein sum
and mean, material-conflict share, fatalities, documents. Periods without events are
filled with zeros across the store's whole date range, so baselines see quiet spells."""
from __future__ import annotations

import pandas as pd

from ..errors import ConfigError

SCOPES = {
    "country": "coalesce(country, actor_country)",
    "admin1": "CASE WHEN admin1 IS NOT NULL THEN coalesce(country, actor_country, '') || '/' || admin1 END",
    "dyad": "dyad",
    "pair": "CASE WHEN actor_country IS NOT NULL AND recipient_country IS NOT NULL THEN "
            "least(actor_country, recipient_country) || '-' || greatest(actor_country, recipient_country) END",
}
# Events the signals count: asserted (not denied, conditional or planned), and dated
# near their reporting: a retrospective mention ("the 1999 war", "independence in
# 2008") or an announced future date is background, not current tension.
MAX_REPORT_LAG_DAYS = 31
COUNTED = (f"date BETWEEN DATE '1900-01-01' AND DATE '2199-12-31' AND coalesce(status, 'asserted') = 'asserted' AND (first_report IS NULL OR "
           f"(date >= first_report - INTERVAL {MAX_REPORT_LAG_DAYS} DAY AND date <= last_report + INTERVAL 1 DAY))")
FREQS = {"day": "day", "week": "week", "month": "month"}
_PANDAS_FREQ = {"day": "D", "week": "W-MON", "month": "MS"}
COLUMNS = ["scope", "key", "period", "events", "quad0", "quad1", "quad2", "quad3", "quad4", "material_conflict",
           "material_conflict_share", "goldstein_sum", "goldstein_mean", "fatalities", "documents"]


def normalise_key(scope: str, key: str | None) -> str | None:
    if key is None:
        return None
    key = key.strip().upper() if scope != "admin1" else key.strip()
    if scope == "pair" and "-" in key:
        a, b = key.split("-", 1)
        key = "-".join(sorted((a, b)))
    return key


def series(con, *, scope: str = "country", key: str | None = None, freq: str = "week",
           since=None, until=None, fill: bool = True) -> pd.DataFrame:
    """The signal table (one row per key and period), ordered by key then period."""
    if scope not in SCOPES:
        raise ConfigError(f"unknown signal scope {scope!r}", hint=f"use one of {', '.join(SCOPES)}")
    if freq not in FREQS:
        raise ConfigError(f"unknown frequency {freq!r}", hint=f"use one of {', '.join(FREQS)}")
    key = normalise_key(scope, key)
    sql = f"""
        WITH e AS (SELECT *, {SCOPES[scope]} AS k FROM events WHERE {COUNTED})
        SELECT k AS key, CAST(date_trunc('{FREQS[freq]}', date) AS DATE) AS period, count(*) AS events,
               count(*) FILTER (WHERE quad_class = 0) AS quad0, count(*) FILTER (WHERE quad_class = 1) AS quad1,
               count(*) FILTER (WHERE quad_class = 2) AS quad2, count(*) FILTER (WHERE quad_class = 3) AS quad3,
               count(*) FILTER (WHERE quad_class = 4) AS quad4,
               coalesce(sum(goldstein), 0) AS goldstein_sum, avg(goldstein) AS goldstein_mean,
               coalesce(sum(fatalities), 0) AS fatalities, coalesce(sum(document_count), 0) AS documents
        FROM e WHERE k IS NOT NULL {"AND k = ?" if key else ""}
        GROUP BY 1, 2 ORDER BY 1, 2"""
    df = con.execute(sql, [key] if key else []).fetchdf()
    bounds = con.execute(f"SELECT CAST(date_trunc('{FREQS[freq]}', min(date)) AS DATE), "
                         f"CAST(date_trunc('{FREQS[freq]}', max(date)) AS DATE) FROM events WHERE {COUNTED}").fetchone()
    if fill and len(df) and bounds[0] is not None:
        df = _fill(df, pd.Timestamp(bounds[0]), pd.Timestamp(bounds[1]), freq)
    df["period"] = pd.to_datetime(df["period"])
    if since is not None:
        df = df[df["period"] >= pd.Timestamp(since)]
    if until is not None:
        df = df[df["period"] <= pd.Timestamp(until)]
    for col in ("events", "quad0", "quad1", "quad2", "quad3", "quad4", "fatalities", "documents"):
        df[col] = df[col].astype("int64")
    df["material_conflict"] = df["quad4"]
    df["material_conflict_share"] = (df["quad4"] / df["events"].where(df["events"] > 0)).fillna(0.0)
    df["goldstein_sum"] = df["goldstein_sum"].astype(float)
    df.insert(0, "scope", scope)
    df["period"] = df["period"].dt.date
    return df[COLUMNS].reset_index(drop=True)


def _fill(df: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, freq: str) -> pd.DataFrame:
    periods = pd.date_range(start, end, freq=_PANDAS_FREQ[freq])
    if freq == "week" and (len(periods) == 0 or periods[0] != start):
        periods = pd.date_range(start, end, freq="7D")
    df = df.copy()
    df["period"] = pd.to_datetime(df["period"])
    full = pd.MultiIndex.from_product([sorted(df["key"].unique()), periods], names=["key", "period"])
    out = df.set_index(["key", "period"]).reindex(full).reset_index()
    zero = ["events", "quad0", "quad1", "quad2", "quad3", "quad4", "goldstein_sum", "fatalities", "documents"]
    out[zero] = out[zero].fillna(0)
    return out
