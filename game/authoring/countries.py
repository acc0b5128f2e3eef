"""Who the countries of the shipped data are to a campaign: the id an author types, the map's ISO code, the theatre,
and the tie to the United States in a given year (a treaty ally, or a partner without a guarantee). These are dated
facts, not judgements; the sources are named next to them."""
from __future__ import annotations

from dataclasses import dataclass

EUROPE, INDO_PACIFIC = "europe", "indo_pacific"
ADVERSARY_OF = {EUROPE: "russia", INDO_PACIFIC: "china"}
ADVERSARY_NAME = {"russia": ("Russia", "RUS"), "china": ("China", "CHN")}

# NATO members and the year each joined (NATO, "NATO member countries", nato.int). Iceland is left out: it has no
# armed forces, so no table gives its defence spending as a share of GDP. Finland and Sweden have figures for the
# years before they joined: a campaign set then has them as partners.
NATO_ACCESSION = {
    "belgium": 1949, "canada": 1949, "denmark": 1949, "france": 1949, "italy": 1949, "luxembourg": 1949,
    "netherlands": 1949, "norway": 1949, "portugal": 1949, "united_kingdom": 1949, "greece": 1952, "turkiye": 1952,
    "germany": 1955, "spain": 1982, "czechia": 1999, "hungary": 1999, "poland": 1999, "bulgaria": 2004,
    "estonia": 2004, "latvia": 2004, "lithuania": 2004, "romania": 2004, "slovakia": 2004, "slovenia": 2004,
    "albania": 2009, "croatia": 2009, "montenegro": 2017, "north_macedonia": 2020, "finland": 2023, "sweden": 2024,
}
# The year a European country that was not yet a member became a U.S. partner: the Partnership for Peace (NATO,
# "Partnership for Peace programme": Finland, Sweden and the former Warsaw Pact states joined in 1994, North
# Macedonia in 1995, Croatia in 2000, Montenegro in 2006), and Spain's 1953 Pact of Madrid (U.S. bases, no
# guarantee) before it joined NATO. Before that year the country was no U.S. partner: neutral, or in the Warsaw Pact.
# Viet Nam is a partner from the restoration of diplomatic relations in 1995; the other Indo-Pacific partners are
# partners in every year `new` can start (from 1989).
PARTNER_SINCE = {
    "finland": 1994, "sweden": 1994, "albania": 1994, "bulgaria": 1994, "czechia": 1994, "estonia": 1994,
    "hungary": 1994, "latvia": 1994, "lithuania": 1994, "poland": 1994, "romania": 1994, "slovakia": 1994,
    "slovenia": 1994, "north_macedonia": 1995, "croatia": 2000, "montenegro": 2006, "spain": 1953, "vietnam": 1995,
}
# The Indo-Pacific's treaty allies and the years their U.S. guarantee held (U.S. Department of State, "U.S.
# Collective Defense Arrangements"): the security treaties with Japan (1951, revised 1960), South Korea (1953) and
# the Philippines (1951), ANZUS (1951; the U.S. suspended its obligations to New Zealand in 1986), the Manila Pact
# with Thailand (1954), and the treaty with the Republic of China, ended on 1 January 1980 (the Taiwan Relations
# Act since). Every other Indo-Pacific country of the data is a partner.
TREATY_YEARS = {"japan": (1951, None), "south_korea": (1953, None), "philippines": (1951, None),
                "australia": (1951, None), "thailand": (1954, None), "new_zealand": (1951, 1986),
                "taiwan": (1954, 1980)}
INDO_PACIFIC_COUNTRIES = ("japan", "south_korea", "australia", "philippines", "taiwan", "new_zealand", "singapore",
                          "thailand", "india", "vietnam", "indonesia", "malaysia")
# Allies with nuclear weapons of their own, from the year of the first test (India: its 1998 tests and declared
# arsenal, not the 1974 device it called peaceful).
NUCLEAR_SINCE = {"united_kingdom": 1952, "france": 1960, "india": 1998}

ISO3 = {
    "albania": "ALB", "belgium": "BEL", "bulgaria": "BGR", "canada": "CAN", "croatia": "HRV", "czechia": "CZE",
    "denmark": "DNK", "estonia": "EST", "finland": "FIN", "france": "FRA", "germany": "DEU", "greece": "GRC",
    "hungary": "HUN", "italy": "ITA", "latvia": "LVA", "lithuania": "LTU", "luxembourg": "LUX",
    "montenegro": "MNE", "netherlands": "NLD", "north_macedonia": "MKD", "norway": "NOR", "poland": "POL",
    "portugal": "PRT", "romania": "ROU", "slovakia": "SVK", "slovenia": "SVN", "spain": "ESP", "sweden": "SWE",
    "turkiye": "TUR", "united_kingdom": "GBR", "japan": "JPN", "south_korea": "KOR", "australia": "AUS",
    "philippines": "PHL", "taiwan": "TWN", "new_zealand": "NZL", "singapore": "SGP", "thailand": "THA",
    "india": "IND", "vietnam": "VNM", "indonesia": "IDN", "malaysia": "MYS",
}
# Ids an author may type for the same country: the spellings of the tables ("Slovak Republic", "Viet Nam") and the
# id earlier versions of `new` wrote for Türkiye.
ALIASES = {"turkey": "turkiye", "slovak_republic": "slovakia", "viet_nam": "vietnam"}
# The name a campaign shows where the tables' differs (NATO and the World Bank write "Slovak Republic").
SHOWN_NAME = {"slovakia": "Slovakia"}


def ident(name: str) -> str:
    """An id from a country's name as a table or an author writes it: 'South Korea' -> 'south_korea',
    'Türkiye' -> 'turkiye', 'Viet Nam' -> 'vietnam'."""
    plain = name.strip().lower().replace("ü", "u").replace("-", " ")
    word = "_".join(plain.split())
    return ALIASES.get(word, word)


def theatre_of(cid: str) -> str:
    return INDO_PACIFIC if cid in INDO_PACIFIC_COUNTRIES else EUROPE


@dataclass(frozen=True)
class Tie:
    kind: str              # "treaty" (a U.S. guarantee), "partner" (none) or "none" (neither that year)
    said: str              # the tie in words, for the file: "NATO member since 1999"

    @property
    def partner(self) -> bool:
        return self.kind == "partner"


def tie(cid: str, year: int) -> Tie:
    """The country's tie to the United States in `year`."""
    joined, since = NATO_ACCESSION.get(cid), PARTNER_SINCE.get(cid)
    if joined is not None and joined <= year:
        return Tie("treaty", f"NATO member since {joined}")
    start, end = TREATY_YEARS.get(cid, (None, None))
    if start is not None and start <= year and (end is None or year < end):
        return Tie("treaty", f"treaty ally since {start}")
    if since is not None and year < since:
        return Tie("none", f"a U.S. partner only from {since}")
    if joined is not None:
        return Tie("partner", f"a partner, not yet a NATO member (joins in {joined})")
    if end is not None and year >= end:
        ended = "suspended" if cid == "new_zealand" else "ended"
        return Tie("partner", f"a partner: the U.S. treaty guarantee {ended} in {end}")
    return Tie("partner", "a partner: no defence treaty with the U.S.")


def nuclear_power(cid: str, year: int) -> bool:
    return NUCLEAR_SINCE.get(cid, year + 1) <= year
