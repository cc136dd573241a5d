"""CAMEO codes with their Goldstein score, quad class and PLOVER type/mode, loaded from
``data/ontology/cameo.csv``. Remap a code there, not here."""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

from .errors import DictionaryError

# Phoenix's five classes, as the contract's quad_class: 0 neutral statement/appeal,
# 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
ROOT_TO_QUAD = {"01": 0, "02": 0, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2, "09": 3, "10": 3,
                "11": 3, "12": 3, "13": 3, "14": 4, "15": 4, "16": 3, "17": 4, "18": 4, "19": 4, "20": 4}


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float | None
    plover: str | None
    mode: str | None

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def quad_class(self) -> int | None:
        return ROOT_TO_QUAD.get(self.root)


def data_path(*parts: str):
    return resources.files("flashpoint").joinpath("data", *parts)


def read_csv_rows(*parts: str) -> list[dict]:
    """Rows of a packaged CSV data file; lines starting with '#' are comments."""
    path = data_path(*parts)
    try:
        with path.open(encoding="utf-8") as handle:
            return list(csv.DictReader(line for line in handle if not line.startswith("#")))
    except (OSError, csv.Error) as exc:
        raise DictionaryError(f"cannot read data file {'/'.join(parts)}: {exc}",
                              hint="reinstall flashpoint; the package data is incomplete") from exc


@functools.lru_cache(maxsize=1)
def cameo_codes() -> dict[str, CameoCode]:
    codes = {}
    for row in read_csv_rows("ontology", "cameo.csv"):
        code = row["code"].strip()
        if code[:2] not in ROOT_TO_QUAD:
            raise DictionaryError(f"cameo.csv: {code!r} is not a CAMEO code")
        codes[code] = CameoCode(code, row["name"], float(row["goldstein"]), row["plover"] or None, row["mode"] or None)
    return codes


def lookup(code: str, *, strict: bool = True) -> CameoCode:
    """The entry for a code, falling back to its parent (``1831`` -> ``183`` -> ``180``).

    With ``strict=False`` a code outside CAMEO (a user dictionary's own, e.g. WEIS codes
    in an old PETRARCH dictionary) comes back bare: no Goldstein score, no PLOVER type."""
    codes = cameo_codes()
    for candidate in (code, code[:3], code[:2] + "0"):
        if candidate in codes:
            return codes[candidate]
    if not strict:
        return CameoCode(code, "user code", None, None, None)
    raise DictionaryError(f"unknown CAMEO code {code!r}", hint="add it to data/ontology/cameo.csv")
