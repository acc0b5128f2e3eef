"""The recorded figures the project ships in data/ (data/README.md says where each comes from): its tables read by
name, one country found under every publisher's spelling of it, and the years the data gives on purpose. Standard
library only: `fairshare new` reads the tables without numpy."""
from __future__ import annotations

import csv
from dataclasses import dataclass

from game.paths import dataset_path

FIRST_YEAR, LAST_YEAR = 1960, 2024
# Years no spending table holds, so that the backtest judges the model on years it never saw (data/README.md). A
# figure for one of them dropped into data/ is scored by the backtest and never fitted (tools/calibrate.py).
HELD_OUT = frozenset((*range(1970, 1976), *range(1978, 1984), *range(2020, 2024)))
# One country, several spellings: NATO, the World Bank and DMDC write "Slovak Republic", SIPRI "Slovakia"; SIPRI's
# full table "Germany" where its 1969 table has "West Germany" (SIPRI's Germany before 1991 is West Germany); a
# campaign may use the name of its time ("Turkey").
SPELLINGS = (("Türkiye", "Turkey"), ("Slovak Republic", "Slovakia"), ("Germany", "West Germany"))


def given(year: int) -> bool:
    """Whether `year` is one the spending tables give on purpose (the rest are held out or out of their range)."""
    return FIRST_YEAR <= year <= LAST_YEAR and year not in HELD_OUT


def spellings(name: str) -> tuple[str, ...]:
    """`name` first, then every other spelling of the same country in the tables."""
    for group in SPELLINGS:
        if name in group:
            return (name, *(n for n in group if n != name))
    return (name,)


@dataclass(frozen=True)
class Row:
    country: str      # as the table writes it
    year: int
    value: float
    note: str         # "NATO estimate", "SIPRI estimate", the report a troop count was read from, or ""


def read_rows(name: str) -> list[Row]:
    """Every row of one of the data/ tables with a number in it (a blank or `NA` value is no figure)."""
    rows = []
    with open(dataset_path(name), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            try:
                rows.append(Row(row["country"], int(row["year"]), float(row["value"]), row.get("note") or ""))
            except (KeyError, TypeError, ValueError):
                continue
    return rows


def read_series(name: str) -> dict[str, dict[int, float]]:
    """country -> {year: value} from one of the data/ tables."""
    table: dict[str, dict[int, float]] = {}
    for row in read_rows(name):
        table.setdefault(row.country, {})[row.year] = row.value
    return table


def lookup(table: dict[str, dict], name: str) -> dict:
    """A country's entry in a table read by `read_series`, under whichever spelling the table uses ({} if none)."""
    return next((table[n] for n in spellings(name) if n in table), {})


def runs_of(years) -> list[tuple[int, int]]:
    """Years as runs of consecutive years: (2014, ..., 2019, 2024) -> [(2014, 2019), (2024, 2024)]."""
    parts: list[list[int]] = []
    for y in sorted(years):
        if parts and y == parts[-1][1] + 1:
            parts[-1][1] = y
        else:
            parts.append([y, y])
    return [(a, b) for a, b in parts]


def spans(years) -> str:
    """Years in words: (1992, ..., 2019, 2024) -> '1992-2019 and 2024'."""
    words = [f"{a}-{b}" if b > a else f"{a}" for a, b in runs_of(years)]
    return " and ".join(words) if len(words) <= 2 else ", ".join(words[:-1]) + " and " + words[-1]
