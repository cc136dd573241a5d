"""A deterministic benchmark corpus of news-length articles, built offline.

Each article recombines paragraphs of the bundled ``examples/*.txt`` (two or three
source articles, shuffled) with paragraphs written here from templates, and varies
numbers, weekdays, people and towns, so no two documents are alike (spaCy's and
flashpoint's caches get no free hits). Nothing is downloaded.

    python benchmarks/corpus.py 500 -o /tmp/corpus.jsonl
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
_NUMBER = re.compile(r"(?<![\d.,-])(\d{1,4})(?![\d.,:/-])")

# (town, country adjective, country, region) written for the benchmark
PLACES = [
    ("Mopti", "Malian", "Mali", "Mopti region"), ("Kidal", "Malian", "Mali", "Kidal region"),
    ("Djibo", "Burkinabe", "Burkina Faso", "Sahel region"), ("Tillaberi", "Nigerien", "Niger", "Tillaberi region"),
    ("Baidoa", "Somali", "Somalia", "Bay region"), ("Gondar", "Ethiopian", "Ethiopia", "Amhara region"),
    ("Nyala", "Sudanese", "Sudan", "South Darfur"), ("Goma", "Congolese", "Congo", "North Kivu"),
    ("Idlib", "Syrian", "Syria", "Idlib province"), ("Marib", "Yemeni", "Yemen", "Marib governorate"),
    ("Kirkuk", "Iraqi", "Iraq", "Kirkuk governorate"), ("Quetta", "Pakistani", "Pakistan", "Balochistan"),
    ("Kharkiv", "Ukrainian", "Ukraine", "Kharkiv region"), ("Zaporizhzhia", "Ukrainian", "Ukraine", "Zaporizhzhia region"),
    ("Mitrovica", "Kosovar", "Kosovo", "northern Kosovo"), ("Cucuta", "Colombian", "Colombia", "Norte de Santander"),
    ("Mandalay", "Myanmar", "Myanmar", "Mandalay region"), ("Maiduguri", "Nigerian", "Nigeria", "Borno state"),
    ("Bunia", "Congolese", "Congo", "Ituri province"), ("Kismayo", "Somali", "Somalia", "Lower Juba"),
]
PEOPLE = ["Amadou Diallo", "Fatima Hassan", "Oleksandr Petrenko", "Maria Gonzalez", "Ahmed Karimi",
          "Nadia Rahman", "Jean-Pierre Mbeki", "Aung Min", "Elena Markovic", "Yusuf Abdi", "Ibrahim Toure",
          "Svetlana Ivanova", "Carlos Restrepo", "Halima Bello", "Dragan Nikolic", "Leila Haddad"]
ROLES = ["the regional governor", "a police spokesman", "the army spokesman", "a local councillor",
         "the interior minister", "a hospital director", "a United Nations official", "a village elder"]
GROUPS = ["armed men", "gunmen", "militants", "rebel fighters", "unidentified attackers", "insurgents"]
OUTLETS = ["Daily Monitor", "Regional Herald", "Continental Wire", "Frontline Report", "Evening Dispatch"]

TEMPLATES = [
    "{group_cap} attacked a police checkpoint near {town} on {weekday}, killing {n1} officers and wounding "
    "{n2} others, {role} said. The attackers fled towards the border before reinforcements arrived.",
    "Hundreds of people marched through the centre of {town} on {weekday} to demand the release of "
    "{n1} activists detained last week. Police fired tear gas to disperse the crowd, and {person}, a "
    "local organiser, said at least {n2} protesters had been arrested.",
    "The {adj} government said on {weekday} it would open talks with opposition leaders in {town} next "
    "month. {person}, speaking for the presidency, called the meeting a chance to end the crisis in the "
    "{region}.",
    "{person}, {role}, told reporters that {n1} civilians had been killed in the {region} since the start "
    "of the year and that more than {n3} families had fled their homes.",
    "Aid agencies warned that food stocks in {town} would run out within {n2} days. A convoy of {n1} "
    "trucks carrying medicine and flour was turned back at a checkpoint on {weekday}, {role} said.",
    "The {adj} army said it had arrested {n1} suspects after a raid on a market in {town}, seizing "
    "rifles, ammunition and {n2} motorcycles. Residents said the raid lasted several hours.",
    "Officials in {town} imposed a curfew on {weekday} after clashes between rival groups left {n1} "
    "people dead. {person} urged both sides to lay down their weapons and respect the ceasefire.",
    "A roadside bomb struck a military convoy on the road out of {town}, killing {n1} soldiers, the "
    "{adj} defence ministry said. No group has claimed responsibility for the attack.",
]


def read_examples(folder: Path = EXAMPLES) -> list[list[str]]:
    """The body paragraphs of each bundled example article."""
    articles = []
    for path in sorted(folder.glob("*.txt")):
        _, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        paras = [p.strip() for p in body.split("\n\n") if len(p.split()) >= 12]
        if paras:
            articles.append(paras)
    return articles


def _vary(text: str, rng: random.Random) -> str:
    text = _WEEKDAY.sub(lambda m: rng.choice(WEEKDAYS), text)

    def number(m):
        n = int(m.group(1))
        if 1900 <= n <= 2100:  # years stay years
            return m.group(1)
        return str(max(1, int(n * rng.uniform(0.5, 1.8)) + rng.randint(0, 3)))

    return _NUMBER.sub(number, text)


def _template(rng: random.Random) -> str:
    town, adj, _country, region = rng.choice(PLACES)
    group = rng.choice(GROUPS)
    return rng.choice(TEMPLATES).format(
        group_cap=group[0].upper() + group[1:], town=town, adj=adj, region=region, weekday=rng.choice(WEEKDAYS),
        person=rng.choice(PEOPLE), role=rng.choice(ROLES), n1=rng.randint(2, 40), n2=rng.randint(2, 60),
        n3=rng.randint(100, 5000))


def article(i: int, sources: list[list[str]], rng: random.Random, min_words: int = 380) -> dict:
    paras: list[str] = []
    for src in rng.sample(sources, 2):
        paras += src[: rng.randint(min(2, len(src)), len(src))]
    rng.shuffle(paras)
    paras = [_vary(p, rng) for p in paras]
    while sum(len(p.split()) for p in paras) < min_words:
        paras.insert(rng.randint(0, len(paras)), _template(rng))
    for _ in range(rng.randint(1, 2)):
        paras.insert(rng.randint(1, len(paras)), _template(rng))
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
    return {"id": f"bench-{i:06d}", "text": "\n\n".join(paras), "date": date.isoformat(),
            "source": rng.choice(OUTLETS), "title": paras[0].split(".")[0][:90]}


def build(n: int, seed: int = 6) -> list[dict]:
    """``n`` documents ({"id", "text", "date", "source", "title"}), the same for the same seed."""
    rng = random.Random(seed)
    sources = read_examples()
    return [article(i, sources, rng) for i in range(n)]


def write(docs: list[dict], path: str | Path) -> Path:
    path = Path(path)
    with path.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    return path


def words(docs: list[dict]) -> int:
    return sum(len(d["text"].split()) for d in docs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--seed", type=int, default=6)
    args = ap.parse_args()
    docs = build(args.n, args.seed)
    write(docs, args.output)
    print(f"{len(docs)} documents, {words(docs):,} words -> {args.output}")


if __name__ == "__main__":
    main()
