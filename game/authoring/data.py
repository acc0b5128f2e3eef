"""The shipped reference data (data/*.csv, see data/README.md) as the figures a new campaign starts from in a given
year: each country's GDP and defence spending, the U.S. troops on its soil, and each adversary's military
expenditure, every figure with the source it comes from. Standard library only: `fairshare new` starts without
numpy."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from game.analysis.records import HELD_OUT, Row, read_rows, spans

from .countries import ADVERSARY_OF, EUROPE, ISO3, SHOWN_NAME, Tie, ident, nuclear_power, theatre_of, tie

PRESENT = 2024                      # the latest year every table holds; GDP is the year before's
GDP_FILE = "gdp_2023_usd_m.csv"
NATO_FILE = "nato_defence_share_gdp_all.csv"
SIPRI_SHARE_FILE = "sipri_milex_share_gdp_all.csv"
SIPRI_USD_FILE = "sipri_milex_constant2023_usd_m_all.csv"
TROOPS_FILE = "us_troops_dmdc_dec2023_dec2024.csv"

WORLD_BANK = "World Bank, World Development Indicators, NY.GDP.MKTP.CD, 2023 (data/gdp_2023_usd_m.csv)"
IMF = "IMF, World Economic Outlook, October 2025, GDP 2023 (data/gdp_2023_usd_m.csv: the World Bank lacks Taiwan)"
NATO = ("NATO, Defence Expenditure of NATO Countries (2014-2024), June 2024, Table 3 "
        "(data/nato_defence_share_gdp_all.csv)")
SIPRI_SHARE = ("SIPRI Military Expenditure Database, 1949-2024 release, share of GDP "
               "(data/sipri_milex_share_gdp_all.csv)")
SIPRI_USD = ("SIPRI Military Expenditure Database, 1949-2024 release, constant 2023 US$ "
             "(data/sipri_milex_constant2023_usd_m_all.csv)")
DMDC = ("Defense Manpower Data Center, U.S. active-duty personnel permanently assigned, by country, 31 Dec 2023 and "
        "31 Dec 2024 (data/us_troops_dmdc_dec2023_dec2024.csv)")
NATO_YEARS = frozenset((*range(2014, 2020), PRESENT))


@dataclass(frozen=True)
class Figure:
    value: float
    source: str
    note: str = ""          # how it was read: "NATO estimate", "derived: ..."


@dataclass(frozen=True)
class Troops:
    count: int              # U.S. active-duty personnel permanently assigned, at the start of the campaign's year
    said: str               # "249 on 31 Dec 2023, 312 on 31 Dec 2024"


@dataclass(frozen=True)
class Country:
    id: str                 # as an ally id: "south_korea"
    name: str               # as the tables write it: "South Korea"
    iso3: str
    theatre: str            # "europe" (NATO members and partners) or "indo_pacific"
    gdp: Figure | None      # US$ bn: 2023's for a campaign in 2024, else the year's at 2023 prices
    spending: Figure | None  # % of GDP in the year
    troops: Troops | None   # None: the data holds no count for the year
    tie: Tie                # a treaty ally, a partner or neither in the year, and that in words
    nuclear_power: bool
    missing: str = ""       # what the data lacks for the year, in words: "SIPRI gives Viet Nam's share up to 2018"


@functools.lru_cache(maxsize=None)
def _table(file: str) -> dict[str, dict[int, Row]]:
    """id -> {year: row} of one table (read once per process: `new` asks it for one country after another)."""
    out: dict[str, dict[int, Row]] = {}
    for row in read_rows(file):
        out.setdefault(ident(row.country), {})[row.year] = row
    return out


def _row(file: str, cid: str, year: int) -> Row | None:
    return _table(file).get(cid, {}).get(year)


def spending_file(theatre: str, year: int) -> str:
    """One series per theatre: NATO's for Europe in the years it gives, SIPRI's otherwise (as the shipped campaigns)."""
    return NATO_FILE if theatre == EUROPE and year in NATO_YEARS else SIPRI_SHARE_FILE


def _spending(cid: str, theatre: str, year: int) -> Figure | None:
    file = spending_file(theatre, year)
    row = _row(file, cid, year)
    return Figure(row.value, NATO if file == NATO_FILE else SIPRI_SHARE, row.note) if row else None


def _gdp(cid: str, year: int) -> Figure | None:
    """2023's GDP for the present; for an earlier year, SIPRI's expenditure over its share of GDP, in the constant
    2023 dollars of the adversary's capability (the tables hold no GDP series)."""
    if year == PRESENT:
        row = _row(GDP_FILE, cid, PRESENT - 1)
        if row is None:
            return None
        world_bank = row.note.startswith("World Bank")
        return Figure(round(row.value / 1000, 1), WORLD_BANK if world_bank else IMF, "" if world_bank else row.note)
    usd, share = _row(SIPRI_USD_FILE, cid, year), _row(SIPRI_SHARE_FILE, cid, year)
    if not (usd and share and share.value > 0):
        return None
    return Figure(round(usd.value / share.value * 100 / 1000, 1), SIPRI_USD,
                  f"derived: {usd.value:,.1f} US$ m spent at {share.value:.2f} % of GDP")


def _troops(cid: str, year: int) -> Troops | None:
    """The count of 31 December of the year before the campaign starts, with the next one beside it."""
    start, then = _row(TROOPS_FILE, cid, year - 1), _row(TROOPS_FILE, cid, year)
    if start is None:
        return None
    later = f", {then.value:,.0f} on 31 Dec {year}" if then else ""
    return Troops(int(start.value), f"{start.value:,.0f} on 31 Dec {year - 1}{later}")


def _lacks(cid: str, name: str, theatre: str, year: int) -> str:
    """Which years the spending series holds for a country it lacks in `year`."""
    file = spending_file(theatre, year)
    years = sorted(_table(file).get(cid, {}))
    publisher = "NATO" if file == NATO_FILE else "SIPRI"
    return f"{publisher} gives {name}'s share of GDP for {spans(years)}" if years else \
        f"{publisher} gives no share of GDP for {name}"


def countries(year: int = PRESENT) -> dict[str, Country]:
    """Every ally and partner the shipped data holds, by id, with its figures for `year` (None where the data lacks
    one): Europe first, then the Indo-Pacific."""
    names = {}
    for file in (GDP_FILE, NATO_FILE, SIPRI_SHARE_FILE):
        for cid, years in _table(file).items():
            names.setdefault(cid, next(iter(years.values())).country)
    out = {}
    for cid in ISO3:
        name = SHOWN_NAME.get(cid, names[cid])
        theatre = theatre_of(cid)
        spending = _spending(cid, theatre, year)
        lacks = "" if spending else _lacks(cid, name, theatre, year)
        out[cid] = Country(cid, name, ISO3[cid], theatre, _gdp(cid, year), spending, _troops(cid, year),
                           tie(cid, year), nuclear_power(cid, year), lacks)
    return dict(sorted(out.items(), key=lambda kv: (kv[1].theatre != EUROPE, kv[0])))


def adversary_capability(adversary: str, year: int = PRESENT) -> Figure | None:
    """An adversary's military expenditure in `year`, US$ bn at constant 2023 prices (SIPRI), or None."""
    row = _row(SIPRI_USD_FILE, adversary, year)
    return Figure(round(row.value / 1000, 1), SIPRI_USD, row.note) if row else None


def start_years(theatre: str) -> list[int]:
    """The years a campaign in the theatre can start from the data: those with the adversary's expenditure (SIPRI
    has Russia from 1992, China from 1989) and a spending series."""
    adversary = _table(SIPRI_USD_FILE).get(ADVERSARY_OF[theatre], {})
    spending = {y for file in (NATO_FILE, SIPRI_SHARE_FILE) for rows in _table(file).values() for y in rows}
    return sorted(y for y in adversary if y in spending and y not in HELD_OUT)
