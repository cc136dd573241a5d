"""The gazetteer index: built from packaged data under FLASHPOINT_HOME, exact,
alternate-name and accent-insensitive lookups, Kosovo as XKX, GeoNames dump import."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from flashpoint.cli import main
from flashpoint.errors import GazetteerError
from flashpoint.geodesy import km
from flashpoint.geo import Gazetteer, ensure_built
from flashpoint.geo.countries import iso3
from flashpoint.geo.gazetteer import edit_distance
from flashpoint.geo.geonames import load
from flashpoint.geo.normalize import key

SAMPLE = Path(__file__).parent / "data" / "geo" / "XK_sample.txt"


@pytest.fixture(scope="session")
def gaz(geo_index) -> Gazetteer:
    return Gazetteer(geo_index)


def test_gazetteer_lookup_finds_own_and_alternate_names(gaz):
    own = [c for c in gaz.lookup("Mitrovicë") if c.cc == "XK" and c.feature == "city"]
    alternate = [c for c in gaz.lookup("Kosovska Mitrovica") if c.cc == "XK"]
    assert own and own[0].kind == 0
    assert alternate and alternate[0].id == own[0].id


def test_gazetteer_lookup_ignores_accents_and_case(gaz):
    plain = {c.id for c in gaz.lookup("Villa Yapacani")}
    assert plain and plain == {c.id for c in gaz.lookup("VILLA YAPACANÍ")}
    assert any(c.cc == "BO" for c in gaz.lookup("villa yapacaní"))


def test_gazetteer_kosovo_is_xkx(gaz):
    kosovo = [c for c in gaz.lookup("Kosovo") if c.feature == "country"]
    assert kosovo and kosovo[0].cc == "XK"
    assert iso3("XK") == "XKX"
    assert iso3("RS") == "SRB"


def test_gazetteer_has_us_counties_and_states(gaz):
    parish = gaz.lookup("Rapides Parish")
    assert parish and parish[0].feature == "county" and parish[0].admin1 == "Louisiana"
    assert any(c.feature == "admin1" for c in gaz.lookup("Texas"))


def test_gazetteer_abbreviation_needs_its_full_stop(gaz):
    assert any(c.name == "Pennsylvania" for c in gaz.lookup("Pa.", abbreviation=True))
    assert not any(c.name == "Pennsylvania" for c in gaz.lookup("PA"))


def test_gazetteer_lookup_of_unknown_name_is_empty(gaz):
    assert gaz.lookup("Qqzxv Wwyrt") == ()
    assert gaz.lookup("...") == ()


def test_gazetteer_default_builds_under_flashpoint_home(geo_index, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(geo_index, home / geo_index.name)
    monkeypatch.setenv("FLASHPOINT_HOME", str(home))
    assert Gazetteer.default().path == home / geo_index.name


def test_gazetteer_missing_index_raises_gazetteer_error(tmp_path):
    with pytest.raises(GazetteerError) as info:
        Gazetteer(tmp_path / "nothing.sqlite")
    assert info.value.code == "E300"


def test_gazetteer_load_adds_geonames_rows(geo_index, tmp_path):
    index = tmp_path / "g.sqlite"
    shutil.copy(geo_index, index)
    assert not [c for c in Gazetteer(index).lookup("Banjska") if c.cc == "XK"]
    assert load(SAMPLE, index) == 1
    banjska = [c for c in Gazetteer(index).lookup("Banjskë") if c.cc == "XK"]
    assert banjska and banjska[0].feature == "village" and banjska[0].admin1 == "Mitrovica"
    assert km(banjska[0].lat, banjska[0].lon, 42.96, 20.78) < 10


def test_gazetteer_load_rejects_a_file_that_is_not_geonames(geo_index, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("name,lat,lon\nBanjska,42.9,20.7\n", encoding="utf-8")
    with pytest.raises(GazetteerError):
        load(bad, geo_index)


def test_gazetteer_cli_lookup_and_load(geo_index, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(geo_index, home / geo_index.name)
    env = {"FLASHPOINT_HOME": str(home)}
    runner = CliRunner()
    loaded = runner.invoke(main, ["gazetteer", "load", str(SAMPLE)], env=env)
    assert loaded.exit_code == 0, loaded.output
    found = runner.invoke(main, ["gazetteer", "lookup", "Banjska"], env=env)
    assert found.exit_code == 0 and "XKX" in found.output


@given(st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Zs", "Pd", "Po")), max_size=30))
def test_gazetteer_key_is_idempotent_and_case_blind(name):
    assert key(key(name)) == key(name)
    assert key(name.upper()) == key(name.lower()) or not name.isascii()


def test_geo_index_built_from_older_packaged_data_is_rebuilt(tmp_path, geo_index):
    import sqlite3

    stale = tmp_path / "gazetteer.sqlite"
    shutil.copy(geo_index, stale)
    con = sqlite3.connect(stale)
    con.execute("UPDATE meta SET v = 'older' WHERE k = 'fingerprint'")
    con.commit()
    con.close()
    ensure_built(stale)
    con = sqlite3.connect(stale)
    fingerprint = con.execute("SELECT v FROM meta WHERE k = 'fingerprint'").fetchone()[0]
    con.close()
    assert fingerprint != "older"


def test_gazetteer_a_region_spelt_a_letter_otherwise_is_found(gaz):
    assert [c.name for c in gaz.respelt_region("Oromia")] == ["Oromiya"]
    assert [c.name for c in gaz.respelt_region("Andalucia")] == ["Andalusia"]


def test_gazetteer_near_spelling_needs_one_closest_region_and_a_long_name(gaz):
    assert gaz.respelt_region("Texas") == ()  # the very name: an ordinary lookup finds it
    assert gaz.respelt_region("Afar") == ()  # too short to guess
    assert gaz.respelt_region("Qqzxvwy") == ()


@pytest.mark.parametrize("a, b, distance", [("oromia", "oromiya", 1), ("kitten", "sitting", 3), ("same", "same", 0)])
def test_edit_distance_counts_insertions_deletions_and_substitutions(a, b, distance):
    assert edit_distance(a, b, 5) == distance


@given(st.text("abc", max_size=8), st.text("abc", max_size=8), st.integers(0, 3))
def test_edit_distance_is_symmetric_and_stops_past_its_limit(a, b, limit):
    full = edit_distance(a, b, 20)
    assert full == edit_distance(b, a, 20) and full <= max(len(a), len(b))
    assert edit_distance(a, b, limit) == min(full, limit + 1)


def test_gazetteer_a_new_layout_asks_to_load_geonames_files_again(tmp_path, monkeypatch, caplog):
    import sqlite3

    import flashpoint.geo.build as build_module

    older = tmp_path / "gazetteer-v1.sqlite"
    con = sqlite3.connect(older)
    con.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT)")
    con.execute("INSERT INTO meta VALUES ('loaded', 'allCountries.zip')")
    con.commit()
    con.close()
    monkeypatch.setattr(build_module, "build", lambda path: path.write_bytes(b""))
    with caplog.at_level("WARNING", logger="flashpoint.geo.gazetteer"):
        ensure_built(tmp_path / "gazetteer-v2.sqlite")
    assert any("load FILE" in r.getMessage() and "gazetteer-v1" in r.getMessage() for r in caplog.records)
