"""Escalation alerts: surprise against a series' own recent baseline.

For every country and every undirected pair of two countries, per period (week by default):

    x   = material-conflict events (quad class 4) in the period
    μ,σ = mean and standard deviation of x over the previous ``window`` periods
    z   = (x - μ) / max(σ, √max(μ, 1))          (a Poisson floor: a flat history is not "certain")

An alert fires when z ≥ ``z``, x ≥ ``min_events``, x ≥ ``ratio`` · μ, the events come
from at least ``min_documents`` documents (minimum evidence), and the store holds at
least ``min_history`` earlier periods. Its reason names how far above baseline the
period is, the Goldstein sum against its baseline, the fatalities, since when the series
has run above μ + σ, and the events behind it (most reported first).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from dataclasses import dataclass

import numpy as np

from .db import insert, query
from .signals import COUNTED, SCOPES, series

ALERT_COLUMNS = ["alert_id", "scope", "key", "freq", "period", "since", "observed", "baseline_mean", "baseline_std",
                 "z", "goldstein_sum", "goldstein_baseline", "fatalities", "n_documents", "severity", "reason",
                 "event_ids", "created_at"]


@dataclass(frozen=True)
class DetectorConfig:
    freq: str = "week"
    window: int = 8
    min_history: int = 4
    z: float = 3.0
    min_events: int = 3
    min_documents: int = 2
    ratio: float = 2.0
    scopes: tuple[str, ...] = ("country", "pair")
    max_events: int = 20


def _severity(z: float) -> str:
    return "critical" if z >= 8 else "high" if z >= 5 else "elevated"


def _alert_id(scope: str, key: str, freq: str, period) -> str:
    return "al-" + hashlib.sha1(f"{scope}|{key}|{freq}|{period}".encode()).hexdigest()[:12]


def _event_ids(con, scope: str, key: str, start: dt.date, freq: str, limit: int) -> list[str]:
    sql = (f"SELECT event_id FROM events WHERE {SCOPES[scope]} = ? AND quad_class = 4 AND {COUNTED} "
           f"AND CAST(date_trunc('{freq}', date) AS DATE) = ? "
           "ORDER BY source_count DESC, coalesce(fatalities, 0) DESC, event_id LIMIT ?")
    return [r["event_id"] for r in query(con, sql, [key, start, limit])]


def detect(con, cfg: DetectorConfig | None = None) -> list[dict]:
    """Every alert the current events support (recomputed from scratch)."""
    cfg = cfg or DetectorConfig()
    alerts = []
    for scope in cfg.scopes:
        table = series(con, scope=scope, freq=cfg.freq)
        for key, group in table.groupby("key", sort=True):
            if scope == "pair" and key.split("-")[0] == key.split("-")[-1]:
                continue  # an internal pair (SOM-SOM) repeats the country's own alert
            x = group["quad4"].to_numpy(float)
            g = group["goldstein_sum"].to_numpy(float)
            docs = group["documents"].to_numpy(int)
            periods = list(group["period"])
            for t in range(cfg.min_history, len(x)):
                base = x[max(0, t - cfg.window):t]
                mu, sd = float(base.mean()), float(base.std())
                z = (x[t] - mu) / max(sd, math.sqrt(max(mu, 1.0)))
                if not (z >= cfg.z and x[t] >= cfg.min_events and x[t] >= cfg.ratio * mu
                        and docs[t] >= cfg.min_documents):
                    continue
                since = t
                while since - 1 >= 0 and x[since - 1] > mu + sd and x[since - 1] > 0:
                    since -= 1
                gbase = g[max(0, t - cfg.window):t]
                ids = _event_ids(con, scope, key, periods[t], cfg.freq, cfg.max_events)
                fatalities = int(group["fatalities"].iloc[t])
                alerts.append({
                    "alert_id": _alert_id(scope, key, cfg.freq, periods[t]), "scope": scope, "key": key,
                    "freq": cfg.freq, "period": periods[t], "since": periods[since], "observed": int(x[t]),
                    "baseline_mean": round(mu, 3), "baseline_std": round(sd, 3), "z": round(float(z), 2),
                    "goldstein_sum": float(g[t]), "goldstein_baseline": round(float(np.mean(gbase)), 2),
                    "fatalities": fatalities, "n_documents": int(docs[t]), "severity": _severity(z),
                    "reason": (f"{scope} {key}: {int(x[t])} material-conflict events in the {cfg.freq} of "
                               f"{periods[t]} against a baseline of {mu:.1f}±{sd:.1f} per {cfg.freq} over the "
                               f"previous {len(base)} (z={z:.1f}, {x[t] / max(mu, 0.1):.1f}x); Goldstein sum "
                               f"{g[t]:.0f} vs {np.mean(gbase):.0f}; {fatalities} fatalities; {int(docs[t])} "
                               f"documents; above baseline since {periods[since]}"),
                    "event_ids": json.dumps(ids),
                })
    return alerts


def refresh(con, cfg: DetectorConfig | None = None) -> int:
    """Rewrite the alerts of ``cfg.freq``; alerts seen before keep their ``created_at``.
    Returns how many are new."""
    cfg = cfg or DetectorConfig()
    found = detect(con, cfg)
    known = {r["alert_id"]: r["created_at"] for r in query(con, "SELECT alert_id, created_at FROM alerts WHERE freq = ?",
                                                            [cfg.freq])}
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    for a in found:
        a["created_at"] = known.get(a["alert_id"], now)
    con.execute("DELETE FROM alerts WHERE freq = ?", [cfg.freq])
    insert(con, "alerts", found, ALERT_COLUMNS)
    return sum(1 for a in found if a["alert_id"] not in known)
