"""Where the time goes: each component of flashpoint's spaCy pipeline timed on its own
(in pipeline order, batched as ``nlp.pipe`` batches them), then the assembly of events.

    python benchmarks/stages.py corpus.jsonl --limit 100 [--profile 25]

Times are CPU seconds of this process (``time.process_time``), so other load on the
machine does not inflate them. ``--profile N`` adds cProfile's top N functions of the
flashpoint stages.
"""
from __future__ import annotations

import argparse
import json
import time


def time_stages(texts: list[str], dates: list[str | None], batch_size: int = 32) -> list[dict]:
    """[{"stage", "cpu_s", "share"}], one per pipeline component plus tokenizer and assembly."""
    from flashpoint.extract import parse_date
    from flashpoint.pipeline import get_pipeline
    from flashpoint.pipeline.assemble import to_result

    nlp = get_pipeline()
    list(nlp.pipe(texts[:2]))  # warm up: lazily loaded tables are start-up, not per-document cost
    rows = []
    t = time.process_time()
    docs = [nlp.make_doc(x) for x in texts]
    for doc, day in zip(docs, dates):
        doc._.fp_date = parse_date(day)
    rows.append({"stage": "tokenizer", "cpu_s": time.process_time() - t})
    for name, proc in nlp.pipeline:
        t = time.process_time()
        out = []
        for i in range(0, len(docs), batch_size):
            batch = docs[i:i + batch_size]
            out += list(proc.pipe(batch, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in batch]
        docs = out
        rows.append({"stage": name, "cpu_s": time.process_time() - t})
    t = time.process_time()
    for i, doc in enumerate(docs):
        to_result(doc, str(i))
    rows.append({"stage": "assemble (to_result)", "cpu_s": time.process_time() - t})
    total = sum(r["cpu_s"] for r in rows)
    for r in rows:
        r["share"] = r["cpu_s"] / total if total else 0.0
    return rows


def profile(texts: list[str], top: int = 25) -> str:
    import cProfile
    import io
    import pstats

    from flashpoint.extract import extract_many

    list(extract_many(texts[:2]))  # load first
    prof = cProfile.Profile()
    prof.enable()
    list(extract_many(texts))
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(top)
    return buf.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path")
    ap.add_argument("--limit", type=int, default=100)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--profile", type=int, default=0, metavar="N")
    args = ap.parse_args()
    with open(args.path, encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()][: args.limit]
    rows = time_stages([d["text"] for d in docs], [d.get("date") for d in docs], args.batch_size)
    words = sum(len(d["text"].split()) for d in docs)
    print(json.dumps({"docs": len(docs), "words": words, "stages": rows}))
    if args.profile:
        print(profile([d["text"] for d in docs], args.profile))


if __name__ == "__main__":
    main()
