"""``make bench``: flashpoint's throughput, memory, scale-out, store and API benchmarks in
one run, printed and written into ``docs/performance.md`` (between its results markers)
and ``benchmarks/results.json``.

    python benchmarks/run.py            # 500 articles, 1M-event store, 60 s API load test
    python benchmarks/run.py --quick    # 60 articles, 100k events, 10 s load test (a smoke run)
    python benchmarks/run.py --only throughput,store

Nothing is downloaded: the corpus is built from ``examples/*.txt`` (``corpus.py``), the
store and API data are synthetic (``synthetic.py``).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import procs  # noqa: E402
import report  # noqa: E402

PARTS = ("throughput", "stages", "dask", "store", "api")


def log(msg: str) -> None:
    print(msg, flush=True)


def _warm() -> int:
    from flashpoint.pipeline import get_pipeline

    get_pipeline()
    return 1


def run_dask(path: Path, reference: Path, workdir: Path, n_docs: int, n_words: int, workers: int = 2) -> dict:
    """The Dask engine on a LocalCluster of ``workers`` processes over the same corpus; its
    output must equal the single-process run's. Start-up (the cluster, each worker loading
    the pipeline) is timed apart from the run."""
    from distributed import Client, LocalCluster

    from flashpoint.engines.dask import extract_dataset, read_results

    t = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None, silence_logs=40) as lc, \
            Client(lc) as client:
        client.run(_warm)
        startup = time.perf_counter() - t
        summary = extract_dataset([path], workdir / "dask-out", client=client)
    got = list(read_results(workdir / "dask-out"))
    ref = [json.loads(line) for line in reference.read_text(encoding="utf-8").splitlines()] if reference.exists() else None
    return {"workers": workers, "partitions": summary.partitions, "documents": summary.documents,
            "events": summary.events, "errors": summary.errors, "startup_s": startup, "wall_s": summary.seconds,
            "docs_per_s": n_docs / summary.seconds, "words_per_s": n_words / summary.seconds,
            "task_s": [round(p["seconds"], 2) for p in summary.per_partition],
            "identical_to_single_process": (got == ref) if ref is not None else None}


def run_stages(path: Path, limit: int) -> dict:
    m = procs.run([sys.executable, str(HERE / "stages.py"), str(path), "--limit", str(limit)])
    if m.returncode != 0:
        raise RuntimeError(m.stderr[-2000:])
    return json.loads(m.stdout.strip().splitlines()[0])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a small, fast run (figures not representative)")
    ap.add_argument("--docs", type=int, help="articles in the corpus (default 500; --quick 60)")
    ap.add_argument("--events", type=int, help="events in the store benchmark (default 1,000,000; --quick 100,000)")
    ap.add_argument("--api-seconds", type=float, help="length of the API load test (default 60; --quick 10)")
    ap.add_argument("--only", help=f"comma-separated subset of {','.join(PARTS)}")
    ap.add_argument("--no-docs", action="store_true", help="do not rewrite docs/performance.md")
    ap.add_argument("--workdir", help="keep the corpus and outputs here (default: a temporary folder)")
    args = ap.parse_args()
    n_docs = args.docs or (60 if args.quick else 500)
    n_events = args.events or (100_000 if args.quick else 1_000_000)
    api_seconds = args.api_seconds or (10.0 if args.quick else 60.0)
    parts = set(args.only.split(",")) if args.only else set(PARTS)
    tmp = None if args.workdir else tempfile.TemporaryDirectory(prefix="flashpoint-bench-")
    workdir = Path(args.workdir or tmp.name)
    workdir.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    results: dict = {"when": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                     "command": "python benchmarks/run.py " + " ".join(sys.argv[1:]), "quick": args.quick,
                     "machine": procs.machine(), "load_before": procs.loadavg()}
    log(f"flashpoint benchmarks: {results['machine']}, load average {results['load_before']:.1f}")
    docs = corpus.build(n_docs)
    n_words = corpus.words(docs)
    big = corpus.write(docs, workdir / "corpus.jsonl")
    small = corpus.write(docs[: max(n_docs // 10, 1)], workdir / "corpus-tenth.jsonl")
    one = corpus.write(docs[:1], workdir / "corpus-one.jsonl")
    results["corpus"] = {"docs": n_docs, "words": n_words, "words_per_doc": n_words / n_docs}
    log(f"corpus: {n_docs} articles, {n_words:,} words ({n_words / n_docs:.0f} per article)")

    if "throughput" in parts:
        import throughput

        log("throughput and memory:")
        results["throughput"] = throughput.measure(str(big), str(small), str(one), n_docs, n_words, 32, workdir, log)
        log(report.throughput_lines(results["throughput"]))
    if "stages" in parts:
        log("per-stage CPU time ...")
        results["stages"] = run_stages(big, min(100, n_docs))
        log(report.stages_table(results["stages"]))
    if "dask" in parts:
        log("Dask engine (LocalCluster, 2 worker processes) ...")
        results["dask"] = run_dask(big, workdir / "c.out.jsonl", workdir, n_docs, n_words)
        log(f"  {results['dask']['docs_per_s']:.2f} articles/s; identical to single process: "
            f"{results['dask']['identical_to_single_process']}")
    if "store" in parts:
        import store_scale

        log(f"store at scale: {n_events:,} events ...")
        results["store"] = store_scale.measure(workdir / "store.duckdb", n_events)
        log(report.store_table(results["store"]))
    if "api" in parts:
        import api_load

        n_api = 100_000 if not args.quick else 20_000
        log(f"API load test: {n_api:,} events, 50 clients, {api_seconds:g} s ...")
        results["api"] = api_load.measure(workdir / "api.duckdb", n_api, 50, api_seconds)
        log(report.api_table(results["api"]))
    results["load_after"] = procs.loadavg()
    results["total_s"] = time.perf_counter() - started
    log(f"done in {results['total_s'] / 60:.1f} min (load average now {results['load_after']:.1f})")

    (HERE / "results.json").write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    if not args.no_docs:
        report.write_docs(results, HERE.parent / "docs" / "performance.md")
        log("wrote docs/performance.md and benchmarks/results.json")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
