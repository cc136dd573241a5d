"""`flashpoint extract` per the contract: JSONL in and out, per-line errors, schema-valid."""
import json
from importlib import resources

import jsonschema
import pytest
from click.testing import CliRunner

from flashpoint.cli import main


@pytest.fixture(scope="module")
def schema():
    return json.loads(resources.files("flashpoint").joinpath("schema", "extract-output.schema.json").read_text())


def run(args, stdin=None):
    result = CliRunner().invoke(main, args, input=stdin)
    return result


def lines(output):
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_cli_extract_writes_one_schema_valid_line_per_input_line(tmp_path, schema):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "d1", "text": "Police fired tear gas at protesters in Nairobi on Tuesday, injuring 12.",
                    "date": "2024-06-25"}),
        "{not json",
        json.dumps({"id": "d3"}),
        json.dumps({"id": "d4", "text": "Russia and Ukraine agreed to a ceasefire.", "date": "2022-03-01"}),
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run(["extract", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["d1", None, "d3", "d4"]
    for row in rows:
        jsonschema.validate(row, schema)
    assert rows[0]["events"] and rows[0]["error"] is None
    assert rows[1]["error"]["code"] == "E101" and "line 2" in rows[1]["error"]["message"]
    assert rows[2]["error"]["code"] == "E102"
    assert rows[3]["events"][0]["plover"] in ("AGREE", "RETREAT")


def test_cli_extract_reads_stdin_and_writes_stdout(schema):
    result = run(["extract", "-", "-o", "-"], stdin=json.dumps({"id": "s", "text": "Rebels shelled Goma."}) + "\n")
    assert result.exit_code == 0
    [row] = lines(result.output)
    jsonschema.validate(row, schema)
    assert row["id"] == "s"


def test_cli_extract_keeps_output_valid_utf8_for_broken_bytes(tmp_path, schema):
    src = tmp_path / "bad.jsonl"
    src.write_bytes(b'{"id": "u", "text": "Soldiers \xff\xfe clashed with rebels \\ud800 in Tripoli."}\n')
    out = tmp_path / "out.jsonl"
    assert run(["extract", str(src), "-o", str(out)]).exit_code == 0
    row = json.loads(out.read_bytes().decode("utf-8"))
    jsonschema.validate(row, schema)


def test_cli_extract_fails_the_run_only_for_an_unreadable_input():
    result = run(["extract", "/nonexistent/in.jsonl"])
    assert result.exit_code != 0


def test_cli_extract_workers_give_the_same_output_as_one_process(tmp_path):
    src = tmp_path / "in.jsonl"
    texts = ["Troops clashed with militants near Mosul, killing three.", "The EU imposed sanctions on Belarus.",
             "Protesters blocked roads in Lima.", "Gunmen kidnapped two aid workers in Darfur."] * 3
    src.write_text("".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts)))
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run(["extract", str(src), "-o", str(one), "--batch-size", "2"]).exit_code == 0
    assert run(["extract", str(src), "-o", str(two), "--batch-size", "2", "--workers", "2"]).exit_code == 0
    assert one.read_text() == two.read_text()
