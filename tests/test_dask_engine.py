"""The Dask engine: partitioning JSONL/Parquet input and coding it on a two-worker
LocalCluster gives exactly what the single-process ``flashpoint extract`` gives.

The cluster runs its two workers as threads of the test process (``processes=False``):
worker processes would each load the spaCy model again (tens of seconds on two
cores). The engine serialises extraction within a process, so the threads take turns;
partitioning, task scheduling, Parquet writing and reading back are all exercised.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.commands.extract import extract_command
from flashpoint.engines.dask import extract_dataset, plan, read_partition, read_results
from flashpoint.jsonl import BadLine

TEXTS = [
    "Rebels shelled Goma on Monday, killing three civilians, a local official said.",
    "Police fired tear gas at protesters in Nairobi on Tuesday and arrested 12 people.",
    "Serbia put its army on high alert after Kosovo police raided a village near Zvecan.",
    "Ukraine said Russian drones struck Kharkiv overnight, wounding 14 people.",
    "The foreign ministers of Guyana and Venezuela met in Brasilia and agreed to keep talking.",
    "Gunmen abducted 20 passengers from a bus in Balochistan, police said on Friday.",
]


def _lines() -> list[str]:
    lines = [json.dumps({"id": f"d{i}", "text": t, "date": "2024-02-05"}) for i, t in enumerate(TEXTS)]
    lines.insert(3, "{not json")
    lines.insert(5, json.dumps({"id": "no-text"}))
    return lines


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None,
                                  silence_logs=40) as lc, distributed.Client(lc) as client:
        yield client


def _single_process(path) -> list[dict]:
    out = path.with_suffix(".out.jsonl")
    result = CliRunner().invoke(extract_command, [str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in out.read_text().splitlines()]


def test_dask_engine_matches_single_process_run(tmp_path, cluster):
    src = tmp_path / "docs.jsonl"
    src.write_text("\n".join(_lines()) + "\n")
    summary = extract_dataset([src], tmp_path / "out", client=cluster, blocksize=150)
    assert summary.partitions >= 3
    got = list(read_results(tmp_path / "out"))
    assert got == _single_process(src)
    assert summary.documents == len(got) and summary.errors == 2
    assert sum(len(r["events"]) for r in got) == summary.events > 0


def test_dask_engine_reads_parquet_row_groups(tmp_path, cluster):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rows = [{"id": f"p{i}", "text": t, "date": "2024-02-05"} for i, t in enumerate(TEXTS)]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in.parquet", row_group_size=2)
    summary = extract_dataset([tmp_path / "in.parquet"], tmp_path / "out", client=cluster)
    assert summary.partitions == 3
    jsonl = tmp_path / "same.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert list(read_results(tmp_path / "out")) == _single_process(jsonl)


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(st.text(alphabet="ab{}\" é", max_size=40), max_size=30), blocksize=st.integers(1, 200))
def test_dask_partitions_cover_every_line_once(tmp_path_factory, lines, blocksize):
    path = tmp_path_factory.mktemp("p") / "x.jsonl"
    path.write_bytes(("\n".join(lines) + ("\n" if lines else "")).encode("utf-8"))
    seen = []
    for part in plan([path], blocksize):
        for item in read_partition(part):
            seen.append(item.line_no if isinstance(item, BadLine) else None)
    expected = [n for n, line in enumerate(lines, 1) if line.strip()]
    assert seen == expected  # every non-blank line once, in order, with its own line number
