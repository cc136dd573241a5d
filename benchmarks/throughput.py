"""Throughput and memory of extraction: (a) spaCy's ``nlp.pipe`` alone, (b) ``flashpoint
extract`` end to end, (c) the same with ``--workers 2``; and the peak memory of each
process at N and 10 N documents (memory must not grow with the number of documents).

Every run is a fresh process, measured from outside (``procs.run``): wall time, CPU
time, the peak RSS of the driver and of each worker. A one-document run of each gives
the fixed start-up cost (importing, loading the model and the gazetteers), so the
per-document rate can be reported with and without it.
"""
from __future__ import annotations

import sys
from pathlib import Path

import procs

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FP = str(Path(sys.executable).with_name("flashpoint"))


def spacy_run(corpus: str, batch_size: int) -> dict:
    m = procs.run([sys.executable, str(HERE / "spacy_baseline.py"), corpus, "--batch-size", str(batch_size)])
    if m.returncode != 0:
        raise RuntimeError(f"spaCy baseline failed: {m.stderr[-2000:]}")
    import json

    info = json.loads(m.stdout.strip().splitlines()[-1])
    return {"wall_s": m.wall_s, "cpu_s": m.cpu_s, "pipe_s": info["pipe_s"], "load_s": info["load_s"],
            "peaks_mb": m.peak_list()}


def flashpoint_run(corpus: str, out: str, batch_size: int, workers: int) -> dict:
    m = procs.run([FP, "extract", corpus, "-o", out, "--batch-size", str(batch_size), "--workers", str(workers)])
    if m.returncode != 0:
        raise RuntimeError(f"flashpoint extract failed: {m.stderr[-2000:]}")
    errors = sum(1 for line in m.stderr.splitlines() if ": error [" in line)
    root = m.pid  # the driver; with workers > 1 the pool's processes run the pipeline
    pids = [root] if workers == 1 else sorted(p for p in m.peaks_mb if p != root)
    return {"wall_s": m.wall_s, "cpu_s": m.cpu_s, "errors": errors,
            "driver_mb": m.peaks_mb[root][1],
            "worker_mb": [m.peaks_mb[p][1] for p in pids],           # peak RSS (VmHWM) of each pipeline process
            "worker_mid_mb": [m.mid_rss_mb.get(p, 0.0) for p in pids],  # RSS half-way through
            "worker_end_mb": [m.last_rss_mb.get(p, 0.0) for p in pids],  # RSS at the end
            "worker_cpu_s": [m.cpu_by_pid.get(p, 0.0) for p in pids],
            "driver_cpu_s": m.cpu_by_pid.get(root, 0.0) if workers > 1 else 0.0}


def rate(n_docs: int, n_words: int, seconds: float) -> dict:
    seconds = max(seconds, 1e-9)
    return {"docs_per_s": n_docs / seconds, "words_per_s": n_words / seconds}


def measure(corpus: str, small: str, one: str, n_docs: int, n_words: int, batch_size: int, workdir: Path,
            log=print) -> dict:
    """All of (a), (b), (c) on ``corpus`` plus the start-up runs and the memory runs on ``small``
    (a tenth of the corpus)."""
    res: dict = {"batch_size": batch_size, "docs": n_docs, "words": n_words}
    log("  (a) spaCy nlp.pipe ...")
    res["a_start"] = spacy_run(one, batch_size)
    res["a"] = spacy_run(corpus, batch_size)
    log(f"      {res['a']['wall_s']:.1f} s wall, {res['a']['cpu_s']:.1f} s CPU")
    log("  (b) flashpoint extract ...")
    res["b_start"] = flashpoint_run(one, str(workdir / "one.out.jsonl"), batch_size, 1)
    res["b"] = flashpoint_run(corpus, str(workdir / "b.out.jsonl"), batch_size, 1)
    log(f"      {res['b']['wall_s']:.1f} s wall, {res['b']['cpu_s']:.1f} s CPU")
    log("  (c) flashpoint extract --workers 2 ...")
    res["c"] = flashpoint_run(corpus, str(workdir / "c.out.jsonl"), batch_size, 2)
    log(f"      {res['c']['wall_s']:.1f} s wall")
    log("  memory at a tenth of the documents ...")
    res["b_small"] = flashpoint_run(small, str(workdir / "bs.out.jsonl"), batch_size, 1)
    res["c_small"] = flashpoint_run(small, str(workdir / "cs.out.jsonl"), batch_size, 2)
    res["workers_output_identical"] = (workdir / "b.out.jsonl").read_bytes() == (workdir / "c.out.jsonl").read_bytes()
    res["workers_output_identical_small"] = \
        (workdir / "bs.out.jsonl").read_bytes() == (workdir / "cs.out.jsonl").read_bytes()
    return summarise(res)


def summarise(res: dict) -> dict:
    n, w = res["docs"], res["words"]
    a, b, c = res["a"], res["b"], res["c"]
    a_net = max(a["cpu_s"] - res["a_start"]["cpu_s"], 1e-9)  # CPU seconds past start-up
    b_net = max(b["cpu_s"] - res["b_start"]["cpu_s"], 1e-9)
    res["rates"] = {
        "a": rate(n, w, a["wall_s"]), "b": rate(n, w, b["wall_s"]), "c": rate(n, w, c["wall_s"]),
        "a_pipe_only": rate(n, w, a["pipe_s"]), "a_net": rate(n, w, a_net), "b_net": rate(n, w, b_net),
        "a_cpu": rate(n, w, a["cpu_s"]), "b_cpu": rate(n, w, b["cpu_s"]),
    }
    res["ratio_b_over_a"] = a["wall_s"] / b["wall_s"]
    res["ratio_b_over_a_net"] = a_net / b_net
    res["ratio_b_over_a_cpu"] = a["cpu_s"] / max(b["cpu_s"], 1e-9)
    res["speedup_c_over_b"] = b["wall_s"] / c["wall_s"]
    # On an idle machine a CPU-bound process's wall time is its CPU time; two workers on two
    # cores finish when the busier one does (or when all the CPU work, shared out, is done).
    c_idle = max(max(c["worker_cpu_s"]), c["cpu_s"] / 2)
    res["speedup_c_over_b_projected"] = b["cpu_s"] / max(c_idle, 1e-9)
    res["cores_used"] = {k: res[k]["cpu_s"] / res[k]["wall_s"] for k in ("a", "b", "c")}
    res["peak_worker_mb"] = max(b["worker_mb"] + c["worker_mb"])
    res["memory_growth_mb_1w"] = max(b["worker_mb"]) - max(res["b_small"]["worker_mb"])
    res["memory_growth_mb_2w"] = max(c["worker_mb"]) - max(res["c_small"]["worker_mb"])
    res["end_rss_growth_mb_1w"] = max(b["worker_end_mb"]) - max(res["b_small"]["worker_end_mb"])
    res["end_rss_growth_mb_2w"] = max(c["worker_end_mb"]) - max(res["c_small"]["worker_end_mb"])
    return res
