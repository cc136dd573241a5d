"""`make run`: python -m flashpoint.examples ingests example articles and summarises them."""
from __future__ import annotations

import io
import shutil
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from flashpoint import examples

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="no examples/ folder")
def test_store_examples_run_twice_keeps_the_same_counts(tmp_path):
    folder = tmp_path / "examples"
    folder.mkdir()
    for path in sorted(EXAMPLES.glob("*.txt"))[:2]:
        shutil.copy(path, folder / path.name)
    db = str(tmp_path / "ex.duckdb")
    first, second = io.StringIO(), io.StringIO()
    with redirect_stdout(first):
        assert examples.main(["--db", db, "--examples", str(folder), "--no-serve"]) == 0
    with redirect_stdout(second):
        assert examples.main(["--db", db, "--examples", str(folder), "--no-serve"]) == 0
    assert "documents: 2 new" in first.getvalue() and "2 unchanged" in second.getvalue()
    counts = lambda text: [line for line in text.splitlines() if line.startswith(("documents: 2 (", "mentions:"))]  # noqa: E731
    assert counts(first.getvalue()) == counts(second.getvalue()) and len(counts(first.getvalue())) == 2
    assert "events by type" in first.getvalue() and "alerts:" in first.getvalue()
