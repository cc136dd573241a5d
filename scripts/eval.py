"""`make eval`: score flashpoint on every dev set in ../shared/eval and rewrite the
results table in docs/evaluation.md (between the EVAL-TABLE markers), with the date and
the command. Everything else in that file is hand-written analysis and is kept.

    python scripts/eval.py [--shared ../shared] [--only acled,plover] [--limit N]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "evaluation.md"
BEGIN, END = "<!-- EVAL-TABLE:BEGIN -->", "<!-- EVAL-TABLE:END -->"

# (dataset, metric, target) from the accuracy and geoparser issues; None: reported, no target
TARGETS = [
    ("acled", "event_type_acc", 0.90), ("acled", "sub_event_macro_f1", 0.75), ("acled", "fatalities_acc", 0.95),
    ("acled", "fatalities_acc_pos", 0.85), ("acled", "location_acc_25km", 0.75), ("acled", "country_acc", None),
    ("plover", "event_acc", 0.85), ("plover", "source_country_acc", 0.90), ("plover", "target_country_acc", 0.85),
    ("plover", "mode_acc", 0.60), ("plover", "event_any_acc", None),
    ("cameo_quad", "quad_acc", 0.85), ("cameo_quad", "quad_macro_f1", None),
    ("petr_unittest", "event_root_acc", 0.80), ("petr_unittest", "triple_acc", None),
    ("petr_unittest", "noevent_acc", None),
    ("ucdp", "deaths_in_range_acc_headline", 0.55), ("ucdp", "deaths_exact_acc_headline", None),
    ("ucdp", "location_acc_50km_headline", None),
    ("re3d", "weapon_recall", 0.70), ("re3d", "weapon_precision", 0.60),
    ("wikievents", "attack_recall", 0.90), ("wikievents", "die_recall", 0.80),
    ("wikievents", "violent_precision", 0.80), ("wikievents", "weapon_recall", 0.75),
    ("wikievents", "attack_place_acc", None), ("wikievents", "injure_recall", None),
    ("wikievents", "arrest_recall", None),
    ("geo_lgl", "toponym_recall", 0.85), ("geo_lgl", "acc_161km_of_found", 0.90), ("geo_lgl", "acc_161km", 0.80),
    ("geo_lgl", "median_error_km", None),
    ("geo_geovirus", "toponym_recall", 0.85), ("geo_geovirus", "acc_161km_of_found", 0.95),
    ("geo_geovirus", "acc_161km", 0.85), ("geo_geovirus", "median_error_km", None),
]


def extract_command(dataset: str, actors_csv: Path, verbs_csv: Path) -> str:
    fp = ROOT / ".venv" / "bin" / "flashpoint"
    fp = fp if fp.exists() else Path("flashpoint")
    extra = f" --actors {actors_csv} --verbs {verbs_csv}" if dataset == "petr_unittest" else ""
    return f"{fp} extract{extra} {{input}} -o {{output}}"


def run(shared: Path, only: list[str], limit: int) -> tuple[dict, dict]:
    run_all = shared / "eval" / "run_all.py"
    data = shared / "eval" / "dev"
    datasets = only or sorted(p.stem for p in data.glob("*.jsonl"))
    metrics: dict[str, dict] = {}
    walls: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        actors_csv = Path(tmp) / "petr_actors.csv"
        subprocess.run([str(ROOT / ".venv" / "bin" / "flashpoint"), "actors", "convert-petr",
                        str(shared / "eval" / "petr" / "PETR.Validate.actors.txt"), "-o", str(actors_csv)],
                       check=True)
        verbs_csv = Path(tmp) / "petr_verbs.csv"
        subprocess.run([str(ROOT / ".venv" / "bin" / "flashpoint"), "verbs", "convert-petr", "--quiet",
                        str(shared / "eval" / "petr" / "PETR.Validate.verbs.txt"), "-o", str(verbs_csv)],
                       check=True)
        for ds in datasets:
            out = Path(tmp) / f"{ds}.json"
            cmd = [sys.executable, str(run_all), "--extract", extract_command(ds, actors_csv, verbs_csv), "--only", ds,
                   "--json", str(out)]
            if limit:
                cmd += ["--limit", str(limit)]
            print("+", " ".join(cmd), file=sys.stderr)
            subprocess.run(cmd, check=False)
            if out.exists():
                for name, row in json.loads(out.read_text()).items():
                    metrics[name] = row.get("metrics", {})
                    walls[name] = row.get("wall_s")
    return metrics, walls


def table(metrics: dict, walls: dict, command: str) -> str:
    lines = [f"Measured {dt.date.today().isoformat()} with `{command}` (dev halves of `../shared/eval`).", "",
             "| dev set | metric | value | n | target | met |", "|---|---|---|---|---|---|"]
    for ds, name, target in TARGETS:
        m = metrics.get(ds, {}).get(name)
        if m is None:
            lines.append(f"| {ds} | {name} | not run | | {target if target is not None else ''} | |")
            continue
        value, n = m.get("value"), m.get("n")
        shown = "nan" if value is None else f"{value:.3f}" if name != "median_error_km" else f"{value:.1f}"
        met = "" if target is None or value is None else ("yes" if value >= target else "no")
        lines.append(f"| {ds} | {name} | {shown} | {n} | {target if target is not None else ''} | {met} |")
    lines += ["", "Extraction wall time per set (s): " + ", ".join(f"{k} {v:.0f}" for k, v in sorted(walls.items()) if v)]
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--only", default="")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    only = [s for s in args.only.split(",") if s]
    metrics, walls = run(Path(args.shared), only, args.limit)
    command = "make eval" + (f" (--only {args.only})" if only else "") + (f" (--limit {args.limit})" if args.limit else "")
    block = f"{BEGIN}\n{table(metrics, walls, command)}\n{END}"
    text = DOC.read_text() if DOC.exists() else "# Evaluation\n\n" + BEGIN + "\n" + END + "\n"
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text += "\n" + block + "\n"
    DOC.write_text(text)
    print(table(metrics, walls, command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
