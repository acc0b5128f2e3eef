"""The shipped reference data (data/*.csv, see data/README.md) as the figures a new campaign starts from: each
country's 2023 GDP and 2024 defence spending, and each adversary's 2024 military expenditure, every figure with the
source it comes from. Standard library only: `fairshare new` starts without numpy."""
from __future__ import annotations

import csv
from dataclasses import dataclass

from game.paths import dataset_path

GDP_FILE = "gdp_2023_usd_m.csv"
NATO_FILE = "nato_defence_share_gdp.csv"
SIPRI_SHARE_FILE = "sipri_milex_share_gdp.csv"
SIPRI_USD_FILE = "sipri_milex_constant2023_usd_m.csv"
OLD_NATO_FILE = "sipri_milex_share_gdp_1969.csv"   # read only to know the NATO members the 2024 data lacks

WORLD_BANK = "World Bank, World Development Indicators, NY.GDP.MKTP.CD, 2023 (data/gdp_2023_usd_m.csv)"
NATO = "NATO, Defence Expenditure of NATO Countries (2014-2024), June 2024, Table 3 (data/nato_defence_share_gdp.csv)"
SIPRI_SHARE = "SIPRI Military Expenditure Database, 1949-2024 release, share of GDP (data/sipri_milex_share_gdp.csv)"
SIPRI_USD = ("SIPRI Military Expenditure Database, 1949-2024 release, constant 2023 US$ "
             "(data/sipri_milex_constant2023_usd_m.csv)")

# ISO 3166-1 alpha-3 codes of the countries the tables name (the map finds outlines by these), and the one name the
# two series spell differently (the World Bank's Turkey is NATO's Türkiye).
ISO3 = {
    "australia": "AUS", "belgium": "BEL", "canada": "CAN", "china": "CHN", "denmark": "DNK", "estonia": "EST",
    "france": "FRA", "germany": "DEU", "greece": "GRC", "italy": "ITA", "japan": "JPN", "latvia": "LVA",
    "lithuania": "LTU", "luxembourg": "LUX", "netherlands": "NLD", "norway": "NOR", "philippines": "PHL",
    "poland": "POL", "portugal": "PRT", "russia": "RUS", "south_korea": "KOR", "spain": "ESP", "taiwan": "TWN",
    "turkey": "TUR", "united_kingdom": "GBR",
}
ALIASES = {"turkiye": "turkey"}
ADVERSARY_OF = {"europe": "russia", "indo_pacific": "china"}
NOT_ALLIES = {"united_states", "west_germany", "nato_total", "nato_europe_and_canada", *ADVERSARY_OF.values()}


@dataclass(frozen=True)
class Figure:
    value: float
    source: str
    note: str = ""          # how it was read: "NATO estimate", "derived: ..."


@dataclass(frozen=True)
class Country:
    id: str                 # as an ally id: "south_korea"
    name: str               # as the tables write it: "South Korea"
    iso3: str
    theatre: str            # "europe" (a NATO member) or "indo_pacific"
    gdp: Figure | None      # US$ bn, 2023
    spending: Figure | None  # % of GDP, 2024


def ident(name: str) -> str:
    """An id from a country's name: 'South Korea' -> 'south_korea', 'Türkiye' -> 'turkey'."""
    plain = name.strip().lower().replace("ü", "u").replace("-", " ")
    word = "_".join(plain.split())
    return ALIASES.get(word, word)


def _rows(file: str) -> list[dict]:
    with open(dataset_path(file), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _year(rows: list[dict], year: str) -> dict[str, tuple[str, str, str]]:
    """id -> (name, value, note) for one year; a value 'NA' is left out."""
    return {ident(r["country"]): (r["country"], r.get("value") or r.get("value_usd_million"), r.get("note") or "")
            for r in rows if r["year"] == year and (r.get("value") or r.get("value_usd_million")) not in ("", "NA")}


def countries() -> dict[str, Country]:
    """Every country the shipped data can start an ally from, by id (NATO members first, then the Indo-Pacific)."""
    gdp = _year(_rows(GDP_FILE), "2023")
    nato = _year(_rows(NATO_FILE), "2024")
    sipri = _year(_rows(SIPRI_SHARE_FILE), "2024")
    usd = _year(_rows(SIPRI_USD_FILE), "2024")
    members = {ident(r["country"]): r["country"] for r in _rows(OLD_NATO_FILE)}
    names = {**{k: v[0] for k, v in gdp.items()}, **members, **{k: v[0] for k, v in nato.items()},
             **{k: v[0] for k, v in sipri.items()}}
    out = {}
    for cid, name in names.items():
        if cid in NOT_ALLIES or cid not in ISO3:
            continue
        europe = cid in nato or cid in members
        series = nato if europe else sipri
        spending = Figure(float(series[cid][1]), NATO if europe else SIPRI_SHARE, series[cid][2]) \
            if cid in series else None
        if cid in gdp:
            income = Figure(round(float(gdp[cid][1]) / 1000, 1), WORLD_BANK)
        elif cid in usd and cid in sipri:   # Taiwan: the World Bank does not cover it (see data/README.md)
            income = Figure(round(float(usd[cid][1]) / float(sipri[cid][1]) * 100 / 1000, 1), SIPRI_USD,
                            f"derived: SIPRI 2024 expenditure {float(usd[cid][1]):,.1f} US$ m at {sipri[cid][1]} % "
                            "of GDP")
        else:
            income = None
        out[cid] = Country(cid, "Türkiye" if cid == "turkey" else name, ISO3[cid],
                           "europe" if europe else "indo_pacific", income, spending)
    return dict(sorted(out.items(), key=lambda kv: (kv[1].theatre != "europe", kv[0])))


def adversary_capability(adversary: str) -> Figure:
    """An adversary's 2024 military expenditure, US$ bn at constant 2023 prices (SIPRI)."""
    name, value, note = _year(_rows(SIPRI_USD_FILE), "2024")[adversary]
    return Figure(round(float(value) / 1000, 1), SIPRI_USD, note)
