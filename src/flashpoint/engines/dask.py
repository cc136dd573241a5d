"""Scale-out: flashpoint's pipeline on a Dask cluster, partitioned JSONL or Parquet in,
Parquet out.

    from flashpoint.engines.dask import extract_dataset, read_results
    summary = extract_dataset(["news/*.jsonl"], "coded/", scheduler="tcp://head:8786")
    for result in read_results("coded/"):          # contract dicts, in input order
        ...

    flashpoint extract 'news/*.jsonl' -o coded/ --engine dask --scheduler tcp://head:8786

Inputs are JSONL files (cut into byte blocks on line boundaries) or Parquet files
(one partition per row group, columns ``id``, ``text`` and optionally ``date``,
``title``, ``source``, ``url``). Each partition is one task: it codes its documents
with the ordinary single-process path (``extract_many``) and writes
``OUTPUT/part-NNNNN.parquet`` with one row per input line: ``id``, ``partition``,
``n`` (position in the partition), ``n_events``, and the contract's ``events``,
``places`` and ``error`` as JSON text. The results equal ``flashpoint extract``'s.

Workers load the pipeline once per process and run one task at a time (a spaCy
pipeline is not thread-safe): start them with one thread each
(``dask worker ADDRESS --nworkers N --nthreads 1``). Input and output paths, and
``--actors`` / ``--verbs`` / ``--config`` files, must be readable (output: writable)
at the same path on every worker (a shared filesystem).
"""
from __future__ import annotations

import glob
import json
import os
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import ConfigError, DocumentTooLargeError
from ..jsonl import MAX_LINE_BYTES, BadLine, decode_line, parse_document
from ..records import Document, DocumentResult

DEFAULT_BLOCKSIZE = 4 * 1024 * 1024
_LOCK = threading.Lock()  # one extraction at a time per process: spaCy pipelines are not thread-safe


@dataclass(frozen=True)
class Partition:
    """One task's input: a byte range of a JSONL file, or a row group of a Parquet file."""

    index: int
    path: str
    kind: str  # "jsonl" | "parquet"
    start: int = 0  # jsonl: byte range [start, end); parquet: row group number in ``start``
    end: int = 0
    first_line: int = 1  # jsonl: line number of the range's first line


@dataclass
class Summary:
    partitions: int = 0
    documents: int = 0
    events: int = 0
    errors: int = 0
    seconds: float = 0.0
    output: str = ""
    per_partition: list = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def input_files(inputs: Iterable[str | Path]) -> list[str]:
    """Files named, matched by a glob, or found in a folder (``*.jsonl``, ``*.parquet``), sorted per input."""
    files: list[str] = []
    for item in inputs:
        item = str(item)
        if os.path.isdir(item):
            found = sorted(glob.glob(os.path.join(item, "*.jsonl")) + glob.glob(os.path.join(item, "*.parquet")))
        elif any(c in item for c in "*?["):
            found = sorted(glob.glob(item))
        else:
            found = [item] if os.path.exists(item) else []
        if not found:
            raise ConfigError(f"no input files at {item!r}", hint="pass JSONL/Parquet files, a folder or a glob")
        files += found
    return files


def _jsonl_blocks(path: str, blocksize: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, first line number) of byte blocks of about ``blocksize`` that end on line ends."""
    size = os.path.getsize(path)
    start, line = 0, 1
    with open(path, "rb") as fh:
        while start < size:
            end = min(start + blocksize, size)
            if end < size:
                fh.seek(end)
                fh.readline()
                end = fh.tell()
            fh.seek(start)
            newlines, left = 0, end - start
            while left:
                chunk = fh.read(min(left, 1 << 22))
                newlines += chunk.count(b"\n")
                left -= len(chunk)
            yield start, end, line
            line += newlines
            start = end


def plan(inputs: Iterable[str | Path], blocksize: int = DEFAULT_BLOCKSIZE) -> list[Partition]:
    """The partitions of ``inputs``, in input order."""
    parts: list[Partition] = []
    for path in input_files(inputs):
        if path.endswith(".parquet"):
            import pyarrow.parquet as pq

            for rg in range(pq.ParquetFile(path).num_row_groups):
                parts.append(Partition(len(parts), path, "parquet", rg))
        else:
            for start, end, line in _jsonl_blocks(path, blocksize):
                parts.append(Partition(len(parts), path, "jsonl", start, end, line))
    return parts


def read_partition(part: Partition) -> Iterator[Document | BadLine]:
    """The documents of one partition, bad lines as ``BadLine`` (as ``read_documents`` gives them)."""
    if part.kind == "parquet":
        import pyarrow.parquet as pq

        table = pq.ParquetFile(part.path).read_row_group(part.start)
        for n, row in enumerate(table.to_pylist()):
            row = {k: v for k, v in row.items() if v is not None}
            yield parse_document(json.dumps(row, default=str), n + 1)
        return
    with open(part.path, "rb") as fh:
        fh.seek(part.start)
        data = fh.read(part.end - part.start)
    for line_no, raw in enumerate(data.split(b"\n"), part.first_line):
        if len(raw) > MAX_LINE_BYTES:
            yield BadLine(line_no, None, DocumentTooLargeError(
                f"line {line_no}: {len(raw)} bytes, over the {MAX_LINE_BYTES}-byte line limit"))
            continue
        line = decode_line(raw).strip()
        if line:
            yield parse_document(line, line_no)


def code(items: Iterable[Document | BadLine], options: dict) -> Iterator[DocumentResult]:
    """Results in input order; a bad line becomes its error result, as in ``flashpoint extract``."""
    from ..extract import extract_many

    items = list(items)
    docs = [x for x in items if isinstance(x, Document)]
    it = iter(extract_many(docs, workers=1, **options)) if docs else iter(())
    for x in items:
        yield DocumentResult(x.id, error=x.error.to_dict()) if isinstance(x, BadLine) else next(it)


def _dump(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def run_partition(part: Partition, options: dict, output: str) -> dict:
    """Code one partition and write ``output/part-NNNNN.parquet``; returns its counts."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    t = time.perf_counter()
    with _LOCK:
        results = [r.to_dict() for r in code(read_partition(part), options)]
    table = pa.table({
        "id": pa.array([r["id"] for r in results], pa.string()),
        "partition": pa.array([part.index] * len(results), pa.int32()),
        "n": pa.array(range(len(results)), pa.int32()),
        "n_events": pa.array([len(r["events"]) for r in results], pa.int32()),
        "events": pa.array([_dump(r["events"]) for r in results], pa.string()),
        "places": pa.array([_dump(r["places"]) for r in results], pa.string()),
        "error": pa.array([_dump(r["error"]) for r in results], pa.string()),
    })
    target = Path(output) / f"part-{part.index:05d}.parquet"
    tmp = target.with_suffix(".tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, target)
    return {"partition": part.index, "documents": len(results), "events": sum(len(r["events"]) for r in results),
            "errors": sum(1 for r in results if r["error"]), "seconds": time.perf_counter() - t}


def _client(scheduler: str | None, workers: int, processes: bool = True):
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                           dashboard_address=None, silence_logs=40)
    return Client(cluster), cluster


def extract_dataset(inputs: Iterable[str | Path] | str, output: str | Path, *, scheduler: str | None = None,
                    client=None, workers: int = 2, processes: bool = True, blocksize: int | None = None,
                    batch_size: int | None = None, config: str | None = None, actors: str | None = None,
                    verbs: str | None = None) -> Summary:
    """Code ``inputs`` on a Dask cluster into the Parquet dataset ``output`` (a folder).

    ``client`` (a ``distributed.Client``) or ``scheduler`` (its address) picks the cluster;
    with neither, a ``LocalCluster`` of ``workers`` single-threaded processes runs here.
    ``blocksize`` (bytes of JSONL per task) defaults to about four tasks per worker, at most 4 MB."""
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    t = time.perf_counter()
    files = input_files(inputs)
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("part-*.parquet"):
        stale.unlink()
    options = {k: v for k, v in {"batch_size": batch_size, "config": config,
                                 "actors": str(Path(actors).resolve()) if actors else None,
                                 "verbs": str(Path(verbs).resolve()) if verbs else None}.items() if v}
    own_client, cluster = client is None, None
    if own_client:
        client, cluster = _client(scheduler, workers, processes)
    try:
        if blocksize is None:  # about four tasks per worker thread, so the cluster stays busy to the end
            slots = max(sum(client.nthreads().values()), 1)
            total = sum(os.path.getsize(f) for f in files)
            blocksize = int(min(DEFAULT_BLOCKSIZE, max(64 * 1024, total / (4 * slots))))
        parts = plan(files, blocksize)
        futures = client.map(run_partition, parts, options=options, output=str(out.resolve()), pure=False)
        stats = sorted(client.gather(futures), key=lambda s: s["partition"])
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()
    return Summary(len(parts), sum(s["documents"] for s in stats), sum(s["events"] for s in stats),
                   sum(s["errors"] for s in stats), time.perf_counter() - t, str(out), stats)


def read_results(output: str | Path) -> Iterator[dict]:
    """The contract's result dicts ({"id", "events", "places", "error"}) of a dataset, in input order."""
    import pyarrow.parquet as pq

    for path in sorted(Path(output).glob("part-*.parquet")):
        for row in pq.read_table(path, columns=["id", "events", "places", "error"]).to_pylist():
            yield {"id": row["id"], "events": json.loads(row["events"]), "places": json.loads(row["places"]),
                   "error": json.loads(row["error"]) if row["error"] else None}


def run_cli(input_path: str, output_path: str, *, scheduler: str | None, workers: int, **options) -> Summary:
    """``flashpoint extract IN -o FOLDER --engine dask``: code, then say what was written."""
    import sys

    if input_path == "-" or output_path == "-":
        raise ConfigError("--engine dask reads files and writes a folder of Parquet parts",
                          hint="pass IN as files/a folder/a glob and -o FOLDER")
    summary = extract_dataset([input_path], output_path, scheduler=scheduler, workers=workers, **options)
    print(f"{summary.documents} documents, {summary.events} events, {summary.errors} errors in "
          f"{summary.partitions} partitions, {summary.seconds:.1f} s -> {summary.output}/part-*.parquet",
          file=sys.stderr)
    return summary
