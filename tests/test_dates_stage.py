"""The dates stage on parsed text, resolved against doc._.fp_date."""
import datetime as dt
from pathlib import Path

import pytest


SEED = Path(__file__).parent / "data" / "seed" / "serbia-kosovo-2024-02-05.txt"


@pytest.fixture(scope="module")
def nlp(stage_nlp):
    return stage_nlp("flashpoint_dates_v1")


def run(nlp, text, ref=dt.date(2024, 2, 5)):
    doc = nlp.make_doc(text)
    doc._.fp_date = ref
    return nlp(doc)._.fp_dates


def test_dates_read_the_seed_article(nlp):
    found = {(d.text, d.value, d.precision, d.relation) for d in run(nlp, SEED.read_text(encoding="utf-8"))}
    assert ("September 24th last year", "2023-09-24", "day", "on") in found
    assert ("April onwards", "2024-04", "month", "from") in found
    assert ("Monday", "2024-02-05", "day", "on") in found
    assert ("2008", "2008", "year", "on") in found


def test_dates_future_sentence_reads_weekday_forward(nlp):
    [d] = [d for d in run(nlp, "The ministers will meet on Friday.") if d.value]
    assert d.value == "2024-02-09"


def test_dates_without_reference_keep_relative_dates_unresolved(nlp):
    got = {d.text: d.value for d in run(nlp, "Rebels attacked yesterday; on 8 June 2022 they had struck too.", None)}
    assert got["yesterday"] is None and got["8 June 2022"] == "2022-06-08"


def test_dates_offsets_index_the_text(nlp):
    text = "Fighting resumed. On 3 March 2024, shelling hit Kharkiv."
    [d] = run(nlp, text)
    assert text[d.start_char:d.end_char] == d.text == "3 March 2024"
